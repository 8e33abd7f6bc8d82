package dev.longhand.time;

import java.time.LocalDate;

/**
 * Days a person is away, in their own zone: from the start of {@code from} until the start of
 * {@code returns}, the day they are back. The note says why, for the people waiting on them.
 */
public record AwayPeriod(LocalDate from, LocalDate returns, String note) {
  public AwayPeriod {
    if (!returns.isAfter(from)) throw new IllegalArgumentException("an away period must return after it starts");
    note = note == null ? "" : note;
  }
}
