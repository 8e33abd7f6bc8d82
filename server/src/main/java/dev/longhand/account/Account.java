package dev.longhand.account;

import dev.longhand.time.WorkingRange;
import java.time.ZoneId;
import java.util.List;

/** A person with a sign-in: their name, the handle that @mentions use, and their time. */
public record Account(long id, String email, String name, String handle, ZoneId zone, long createdAt) {

  /** An account with its weekly working hours. */
  public record WithSchedule(Account account, List<WorkingRange> workingHours) {}
}
