package dev.longhand.account;

import dev.longhand.due.DueWork;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Someone's working time changed (their zone or hours, an away period, a workspace holiday): what was planned by the
 * old calendar (held notifications, the next digest) must be planned again. Told inside the changing write's
 * transaction; Longhand makes it due work of kind {@link #KIND} for the person, now, which notifications handle, so
 * neither {@code account} nor {@code calendar} depends on them.
 */
@FunctionalInterface
public interface WorkingTimeChanges {
  /** The due work kind of a change, its subject the person's account id. */
  String KIND = "working-time-changed";

  /** Nobody listens (tests that wire a few components by hand). */
  WorkingTimeChanges NONE = (h, accountId) -> { };

  void changed(Handle h, long accountId);

  /** One pending item per person: a second change before it ran replaces the first. */
  static WorkingTimeChanges asDueWork(DueWork due, Clock clock) {
    return (h, accountId) -> {
      due.cancel(h, KIND, accountId);
      due.schedule(h, KIND, accountId, clock.instant(), "");
    };
  }
}
