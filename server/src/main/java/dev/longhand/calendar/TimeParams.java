package dev.longhand.calendar;

import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.store.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses the time-shaped inputs of this feature, each failure naming its field. */
final class TimeParams {
  private TimeParams() {}

  /** An instant such as {@code 2026-12-01T15:00:00Z} or {@code 2026-12-01T16:00+01:00}; absent means the fallback. */
  static Instant instant(String field, String raw, Instant fallback) {
    return raw == null || raw.isBlank() ? fallback : Input.instant(field, raw);
  }

  /** An ISO-8601 duration such as {@code PT16H} or {@code P2D}. */
  static Duration duration(String field, String raw) {
    return Input.duration(field, raw);
  }

  static LocalDate date(String field, String raw) {
    if (raw == null || raw.isBlank()) throw Problem.invalid(field, "'" + field + "' is required, as a date such as 2026-12-24.");
    return Input.date(field, raw);
  }

  /** A holiday named in a path: a date, or nothing there (404, like any unknown id). */
  static LocalDate holidayIn(io.javalin.http.Context ctx) {
    try {
      return LocalDate.parse(ctx.pathParam("date"));
    } catch (RuntimeException e) {
      throw Problem.notFound("holiday");
    }
  }

  static int integer(String field, String raw, int fallback, int min, int max) {
    if (raw == null || raw.isBlank()) return fallback;
    try {
      int v = Integer.parseInt(raw.strip());
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
  }

  /** A comma-separated list of person ids; empty when absent. */
  static List<Long> ids(String field, String raw) {
    List<Long> out = new ArrayList<>();
    if (raw == null || raw.isBlank()) return out;
    for (String part : raw.split(",")) {
      long id = Ids.parse(part.strip());
      if (id < 0) throw Problem.invalid(field, "'" + field + "' must be person ids separated by commas; '" + part.strip() + "' is not one.");
      out.add(id);
    }
    return out;
  }

  static Optional<String> present(String raw) {
    return Optional.ofNullable(raw).filter(s -> !s.isBlank());
  }
}
