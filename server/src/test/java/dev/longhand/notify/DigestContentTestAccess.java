package dev.longhand.notify;

import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;

/** The digest test's night of writing, for the browser test's screenshots of the same digest. */
public final class DigestContentTestAccess {
  private DigestContentTestAccess() {}

  public static String night(Team team, String space, TestClock clock) {
    return DigestContentTest.night(team, space, clock);
  }
}
