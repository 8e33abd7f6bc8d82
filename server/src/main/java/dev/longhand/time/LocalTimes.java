package dev.longhand.time;

import java.util.Collection;
import java.util.Map;

/** Looks up the {@link PersonTime} of people shown on a page, now. */
@FunctionalInterface
public interface LocalTimes {
  Map<Long, PersonTime> of(Collection<Long> accountIds);
}
