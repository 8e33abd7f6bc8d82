package dev.longhand.calendar;

import java.time.LocalDate;

/** A day a workspace does not work; a day off for each member, in their own zone. */
public record Holiday(long workspaceId, LocalDate day, String name) {}
