package dev.longhand.notify;

import dev.longhand.calendar.CalendarService;
import dev.longhand.store.Pipeline;
import dev.longhand.time.DeliveryPolicy;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Each person's delivery policy: their working calendar, focus blocks, one-off focus and digest times. */
public final class Policies {
  static final List<LocalTime> DEFAULT_DIGEST_TIMES = List.of(LocalTime.of(9, 0), LocalTime.of(15, 0));

  /** What a person has set; defaults when they have set nothing. */
  public record Settings(List<LocalTime> digestTimes, List<WorkingRange> focusBlocks, Optional<Long> focusUntil,
      boolean emailDigests, Optional<Long> lastDigestAt, Optional<Long> nextDigestAt) {}

  private final CalendarService calendars;
  private final PolicyStore store = new PolicyStore();

  public Policies(CalendarService calendars) {
    this.calendars = calendars;
  }

  Settings settings(Handle h, long accountId) {
    return settings(h, List.of(accountId)).get(accountId);
  }

  /** The settings of each of the people, read together: two statements however many they are. */
  Map<Long, Settings> settings(Handle h, Collection<Long> accountIds) {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(accountIds));
    Map<Long, Settings> rows = store.settings(h, ids);
    Map<Long, List<WorkingRange>> blocks = store.focusBlocks(h, ids);
    Map<Long, Settings> out = new HashMap<>();
    for (long id : ids) {
      Settings row = rows.getOrDefault(id,
          new Settings(DEFAULT_DIGEST_TIMES, List.of(), Optional.empty(), true, Optional.empty(), Optional.empty()));
      out.put(id, new Settings(row.digestTimes(), List.copyOf(blocks.getOrDefault(id, List.of())), row.focusUntil(),
          row.emailDigests(), row.lastDigestAt(), row.nextDigestAt()));
    }
    return out;
  }

  DeliveryPolicy policy(Handle h, long accountId) {
    return policies(h, List.of(accountId)).get(accountId);
  }

  /** The person's delivery policy from settings the caller already read (a digest reads them first): no second read. */
  DeliveryPolicy policy(Handle h, long accountId, Settings s) {
    WorkCalendar calendar = calendars.calendars(h, List.of(accountId)).get(accountId);
    if (calendar == null) throw new IllegalStateException("no account " + accountId);
    return policyOf(calendar, s);
  }

  private static DeliveryPolicy policyOf(WorkCalendar calendar, Settings s) {
    return new DeliveryPolicy(calendar, WorkCalendar.of(calendar.zone(), s.focusBlocks(), List.of(), List.of()),
        s.focusUntil().map(Instant::ofEpochMilli), s.digestTimes());
  }

  /** The delivery policy of each of the people, read together (a notification batch's recipients). */
  Map<Long, DeliveryPolicy> policies(Handle h, Collection<Long> accountIds) {
    if (accountIds.isEmpty()) return Map.of();
    return policies(h, accountIds, settings(h, accountIds));
  }

  /** As {@link #policies(Handle, Collection)}, from settings the caller already read (a batch of digests). */
  Map<Long, DeliveryPolicy> policies(Handle h, Collection<Long> accountIds, Map<Long, Settings> settingsOf) {
    Map<Long, WorkCalendar> calendarOf = calendars.calendars(h, accountIds);
    Map<Long, DeliveryPolicy> out = new HashMap<>();
    for (long id : accountIds) {
      WorkCalendar calendar = calendarOf.get(id);
      if (calendar == null) throw new IllegalStateException("no account " + id);
      out.put(id, policyOf(calendar, settingsOf.get(id)));
    }
    return out;
  }

  /** Makes the person's row if it is missing; two writers doing so at once (settings and a first digest) both succeed. */
  private void ensureRow(Handle h, long accountId) {
    store.ensureRow(h, accountId, formatTimes(DEFAULT_DIGEST_TIMES));
  }

  void save(Handle h, long accountId, List<LocalTime> digestTimes, List<WorkingRange> focusBlocks, boolean emailDigests) {
    ensureRow(h, accountId);
    store.saveDigests(h, accountId, formatTimes(digestTimes), emailDigests);
    store.replaceFocusBlocks(h, accountId, focusBlocks);
  }

  void setFocusUntil(Handle h, long accountId, Long until) {
    ensureRow(h, accountId);
    store.setFocusUntil(h, accountId, until);
  }

  /** As {@link #digestMade(Handle, long, long, Long)}, with the pipeline's other writes. */
  void digestMade(Pipeline p, long accountId, long last, Long next) {
    store.ensureRow(p, accountId, formatTimes(DEFAULT_DIGEST_TIMES));
    store.setDigestTimes(p, accountId, last, next);
  }

  /** A digest was made at {@code last}; the next is due at {@code next} (null: none). */
  void digestMade(Handle h, long accountId, long last, Long next) {
    ensureRow(h, accountId);
    store.setDigestTimes(h, accountId, last, next);
  }

  void setNextDigest(Handle h, long accountId, Long at) {
    ensureRow(h, accountId);
    store.setNextDigest(h, accountId, at);
  }

  static List<LocalTime> parseTimes(String text) {
    List<LocalTime> out = new ArrayList<>();
    if (text == null || text.isBlank()) return out;
    Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(LocalTime::parse).forEach(out::add);
    return out;
  }

  static String formatTimes(List<LocalTime> times) {
    return String.join(",", times.stream().sorted().distinct().map(LocalTime::toString).toList());
  }
}
