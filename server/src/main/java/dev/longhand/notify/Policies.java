package dev.longhand.notify;

import dev.longhand.calendar.CalendarService;
import dev.longhand.time.DeliveryPolicy;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
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

  public Policies(CalendarService calendars) {
    this.calendars = calendars;
  }

  Settings settings(Handle h, long accountId) {
    return settings(h, List.of(accountId)).get(accountId);
  }

  /** The settings of each of the people, read together: two statements however many they are. */
  private Map<Long, Settings> settings(Handle h, Collection<Long> accountIds) {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(accountIds));
    Map<Long, Settings> rows = new HashMap<>();
    h.createQuery("""
            SELECT account_id, digest_times, focus_until, email_digests, last_digest_at, next_digest_at
            FROM delivery_policies WHERE account_id IN (<ids>)""")
        .bindList("ids", ids)
        .map((rs, ctx) -> {
          long focus = rs.getLong(3);
          Optional<Long> focusUntil = rs.wasNull() ? Optional.empty() : Optional.of(focus);
          long last = rs.getLong(5);
          Optional<Long> lastDigest = rs.wasNull() ? Optional.empty() : Optional.of(last);
          long next = rs.getLong(6);
          Optional<Long> nextDigest = rs.wasNull() ? Optional.empty() : Optional.of(next);
          return Map.entry(rs.getLong(1), new Settings(parseTimes(rs.getString(2)), List.of(), focusUntil, rs.getInt(4) != 0,
              lastDigest, nextDigest));
        })
        .forEach(e -> rows.put(e.getKey(), e.getValue()));
    Map<Long, List<WorkingRange>> blocks = new HashMap<>();
    h.createQuery("SELECT account_id, day, start_minute, end_minute FROM focus_blocks WHERE account_id IN (<ids>) "
            + "ORDER BY account_id, day, start_minute")
        .bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), new WorkingRange(DayOfWeek.of(rs.getInt(2)),
            LocalTime.ofSecondOfDay(rs.getInt(3) * 60L), LocalTime.ofSecondOfDay(rs.getInt(4) * 60L))))
        .forEach(e -> blocks.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
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

  /** The delivery policy of each of the people, read together (a notification batch's recipients). */
  Map<Long, DeliveryPolicy> policies(Handle h, Collection<Long> accountIds) {
    if (accountIds.isEmpty()) return Map.of();
    Map<Long, WorkCalendar> calendarOf = calendars.calendars(h, accountIds);
    Map<Long, Settings> settingsOf = settings(h, accountIds);
    Map<Long, DeliveryPolicy> out = new HashMap<>();
    for (long id : accountIds) {
      WorkCalendar calendar = calendarOf.get(id);
      if (calendar == null) throw new IllegalStateException("no account " + id);
      Settings s = settingsOf.get(id);
      out.put(id, new DeliveryPolicy(calendar, WorkCalendar.of(calendar.zone(), s.focusBlocks(), List.of(), List.of()),
          s.focusUntil().map(Instant::ofEpochMilli), s.digestTimes()));
    }
    return out;
  }

  /** Makes the person's row if it is missing; two writers doing so at once (settings and a first digest) both succeed. */
  private void ensureRow(Handle h, long accountId) {
    h.createUpdate("INSERT INTO delivery_policies (account_id, digest_times, email_digests) VALUES (?, ?, 1) ON CONFLICT (account_id) DO NOTHING")
        .bind(0, accountId).bind(1, formatTimes(DEFAULT_DIGEST_TIMES)).execute();
  }

  void save(Handle h, long accountId, List<LocalTime> digestTimes, List<WorkingRange> focusBlocks, boolean emailDigests) {
    ensureRow(h, accountId);
    h.createUpdate("UPDATE delivery_policies SET digest_times = ?, email_digests = ? WHERE account_id = ?")
        .bind(0, formatTimes(digestTimes)).bind(1, emailDigests ? 1 : 0).bind(2, accountId).execute();
    h.createUpdate("DELETE FROM focus_blocks WHERE account_id = ?").bind(0, accountId).execute();
    for (WorkingRange r : focusBlocks) {
      h.createUpdate("INSERT INTO focus_blocks (account_id, day, start_minute, end_minute) VALUES (?, ?, ?, ?)")
          .bind(0, accountId).bind(1, r.day().getValue()).bind(2, r.start().toSecondOfDay() / 60)
          .bind(3, r.end().toSecondOfDay() / 60).execute();
    }
  }

  void setFocusUntil(Handle h, long accountId, Long until) {
    ensureRow(h, accountId);
    h.createUpdate("UPDATE delivery_policies SET focus_until = ? WHERE account_id = ?").bind(0, until).bind(1, accountId).execute();
  }

  void setLastDigest(Handle h, long accountId, long at) {
    ensureRow(h, accountId);
    h.createUpdate("UPDATE delivery_policies SET last_digest_at = ? WHERE account_id = ?").bind(0, at).bind(1, accountId).execute();
  }

  void setNextDigest(Handle h, long accountId, Long at) {
    ensureRow(h, accountId);
    h.createUpdate("UPDATE delivery_policies SET next_digest_at = ? WHERE account_id = ?").bind(0, at).bind(1, accountId).execute();
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
