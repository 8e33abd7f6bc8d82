package dev.longhand.decision;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for the decisions section of a digest, filtered in the query to the spaces the person may read and has not muted. */
final class DecisionDigestStore {
  /** Spaces the person may read: members of the space, or non-guests of its workspace when it is public. */
  private static final String READABLE = """
      (EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = d.space_id AND sm.account_id = :me)
       OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM workspace_members wm
           WHERE wm.workspace_id = d.workspace_id AND wm.account_id = :me AND wm.role <> 'guest')))""";

  /** Spaces the person muted ({@code thread.Subscriptions}, a space's row): they add nothing to the person's digest. */
  private static final String NOT_MUTED = """
      NOT EXISTS (SELECT 1 FROM subscriptions sub WHERE sub.account_id = :me AND sub.space_id = d.space_id AND sub.thread_id = 0
                  AND sub.level = 'mute')""";

  /** One write of the period to a decision by someone else: what they did, with the decision as it is now. */
  record Change(long decisionId, int number, String title, String status, String space, String decision, String actor,
                String action, List<Decision.Change> changes, long at) {}

  /** Decisions recorded, changed or superseded by others in the period, newest first, at most {@code limit}. */
  /** Whether any decision was recorded, changed or superseded in {@code (since, now]}. */
  boolean anyChangeBetween(Handle h, long since, long now) {
    return h.createQuery("SELECT 1 FROM decision_history WHERE at > ? AND at <= ? AND action IN ('recorded', 'changed', 'superseded') LIMIT 1")
        .bind(0, since).bind(1, now).mapTo(Integer.class).findOne().isPresent();
  }

  List<Change> changes(Handle h, long me, long since, long now, int limit) {
    return h.createQuery("""
            SELECT d.id, d.number, d.title, d.status, s.name, d.decision, a.name, dh.action, dh.changes, dh.at
            FROM decision_history dh JOIN decisions d ON d.id = dh.decision_id JOIN spaces s ON s.id = d.space_id
            JOIN accounts a ON a.id = dh.actor_id
            WHERE dh.at > :since AND dh.at <= :now AND dh.actor_id <> :me AND dh.action IN ('recorded', 'changed', 'superseded')
            AND """ + READABLE + " AND " + NOT_MUTED + " ORDER BY dh.at DESC, dh.id DESC LIMIT :limit")
        .bind("since", since).bind("now", now).bind("me", me).bind("limit", limit)
        .map((rs, ctx) -> new Change(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8),
            DecisionStore.read(rs.getString(9), new TypeReference<List<Decision.Change>>() {}), rs.getLong(10)))
        .list();
  }
}
