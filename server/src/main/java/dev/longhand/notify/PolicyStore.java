package dev.longhand.notify;

import dev.longhand.store.InList;
import dev.longhand.store.Pipeline;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for delivery policies: digest times, one-off focus, digest bookkeeping and weekly focus blocks. */
final class PolicyStore {
  /** The people's stored settings, without focus blocks; those who set nothing have no entry. */
  Map<Long, Policies.Settings> settings(Handle h, List<Long> ids) {
    Map<Long, Policies.Settings> rows = new HashMap<>();
    h.createQuery("""
            SELECT account_id, digest_times, focus_until, email_digests, last_digest_at, next_digest_at
            FROM delivery_policies WHERE account_id IN (<ids>)""")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> {
          long focus = rs.getLong(3);
          Optional<Long> focusUntil = rs.wasNull() ? Optional.empty() : Optional.of(focus);
          long last = rs.getLong(5);
          Optional<Long> lastDigest = rs.wasNull() ? Optional.empty() : Optional.of(last);
          long next = rs.getLong(6);
          Optional<Long> nextDigest = rs.wasNull() ? Optional.empty() : Optional.of(next);
          return Map.entry(rs.getLong(1), new Policies.Settings(Policies.parseTimes(rs.getString(2)), List.of(), focusUntil,
              rs.getInt(4) != 0, lastDigest, nextDigest));
        })
        .forEach(e -> rows.put(e.getKey(), e.getValue()));
    return rows;
  }

  /** The people's weekly focus blocks, in week order. */
  Map<Long, List<WorkingRange>> focusBlocks(Handle h, List<Long> ids) {
    Map<Long, List<WorkingRange>> blocks = new HashMap<>();
    h.createQuery("SELECT account_id, day, start_minute, end_minute FROM focus_blocks WHERE account_id IN (<ids>) "
            + "ORDER BY account_id, day, start_minute")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), new WorkingRange(DayOfWeek.of(rs.getInt(2)),
            LocalTime.ofSecondOfDay(rs.getInt(3) * 60L), LocalTime.ofSecondOfDay(rs.getInt(4) * 60L))))
        .forEach(e -> blocks.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return blocks;
  }

  /** Makes the person's row if it is missing; two writers doing so at once (settings and a first digest) both succeed. */
  void ensureRow(Pipeline p, long accountId, String digestTimes) {
    p.add("INSERT INTO delivery_policies (account_id, digest_times, email_digests) VALUES (?, ?, 1) ON CONFLICT (account_id) DO NOTHING",
        accountId, digestTimes);
  }

  void setDigestTimes(Pipeline p, long accountId, long last, Long next) {
    p.add("UPDATE delivery_policies SET last_digest_at = ?, next_digest_at = ? WHERE account_id = ?", last, next, accountId);
  }

  void ensureRow(Handle h, long accountId, String digestTimes) {
    h.createUpdate("INSERT INTO delivery_policies (account_id, digest_times, email_digests) VALUES (?, ?, 1) ON CONFLICT (account_id) DO NOTHING")
        .bind(0, accountId).bind(1, digestTimes).execute();
  }

  void saveDigests(Handle h, long accountId, String digestTimes, boolean emailDigests) {
    h.createUpdate("UPDATE delivery_policies SET digest_times = ?, email_digests = ? WHERE account_id = ?")
        .bind(0, digestTimes).bind(1, emailDigests ? 1 : 0).bind(2, accountId).execute();
  }

  void replaceFocusBlocks(Handle h, long accountId, List<WorkingRange> focusBlocks) {
    h.createUpdate("DELETE FROM focus_blocks WHERE account_id = ?").bind(0, accountId).execute();
    for (WorkingRange r : focusBlocks) {
      h.createUpdate("INSERT INTO focus_blocks (account_id, day, start_minute, end_minute) VALUES (?, ?, ?, ?)")
          .bind(0, accountId).bind(1, r.day().getValue()).bind(2, r.start().toSecondOfDay() / 60)
          .bind(3, r.end().toSecondOfDay() / 60).execute();
    }
  }

  void setFocusUntil(Handle h, long accountId, Long until) {
    h.createUpdate("UPDATE delivery_policies SET focus_until = ? WHERE account_id = ?").bind(0, until).bind(1, accountId).execute();
  }

  /** The digest made at {@code last}, and when the next one is due (null: none), in one statement. */
  void setDigestTimes(Handle h, long accountId, long last, Long next) {
    h.createUpdate("UPDATE delivery_policies SET last_digest_at = ?, next_digest_at = ? WHERE account_id = ?")
        .bind(0, last).bind(1, next).bind(2, accountId).execute();
  }

  void setNextDigest(Handle h, long accountId, Long at) {
    h.createUpdate("UPDATE delivery_policies SET next_digest_at = ? WHERE account_id = ?").bind(0, at).bind(1, accountId).execute();
  }

  /** Whether the person's next digest is already scheduled. */
  boolean digestScheduled(Handle h, long accountId) {
    return h.createQuery("SELECT COUNT(*) FROM delivery_policies WHERE account_id = ? AND next_digest_at IS NOT NULL")
        .bind(0, accountId).mapTo(Integer.class).one() > 0;
  }
}
