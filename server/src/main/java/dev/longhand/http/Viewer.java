package dev.longhand.http;

import java.time.ZoneId;

/** The person making a request, as the HTTP layer knows them. */
public record Viewer(long accountId, String name, String handle, String email, ZoneId zone, boolean bySession) {}
