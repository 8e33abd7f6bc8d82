package dev.longhand.signal;

import dev.longhand.time.WorkCalendar;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The writers' calendars, read when a rule first needs them: most computations need none (a run of posts within the
 * fast span by the clock, a thread younger than a day), and reading them was a third of a computation's reads. Used
 * within the read that made it, on one thread.
 */
final class LazyCalendars extends AbstractMap<Long, WorkCalendar> {
  private final Supplier<Map<Long, WorkCalendar>> read;
  private Map<Long, WorkCalendar> calendars;

  LazyCalendars(Supplier<Map<Long, WorkCalendar>> read) {
    this.read = read;
  }

  private Map<Long, WorkCalendar> calendars() {
    if (calendars == null) calendars = read.get();
    return calendars;
  }

  @Override
  public WorkCalendar get(Object key) {
    return calendars().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return calendars().containsKey(key);
  }

  @Override
  public Set<Entry<Long, WorkCalendar>> entrySet() {
    return calendars().entrySet();
  }
}
