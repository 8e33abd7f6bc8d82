package dev.longhand.time;

/** Thrown when a calendar has no working time within the search horizon (no hours, or away for years). */
public final class NoWorkingTimeException extends IllegalStateException {
  public NoWorkingTimeException(String message) {
    super(message);
  }
}
