package dev.longhand.calendar;

import dev.longhand.time.AwayPeriod;

/** One of a person's stored away periods. */
public record Away(long id, long accountId, AwayPeriod period) {}
