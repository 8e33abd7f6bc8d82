package dev.longhand.inbox;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for reminders: one row per "remind me later", until it fires or is cancelled. */
final class ReminderStore {
  /** Whose reminder it is and about which thread. */
  record Owner(long accountId, long threadId) {}

  void insert(Handle h, long id, long accountId, long threadId, long remindAt, long createdAt) {
    h.createUpdate("INSERT INTO reminders (id, account_id, thread_id, remind_at, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(0, id).bind(1, accountId).bind(2, threadId).bind(3, remindAt).bind(4, createdAt).execute();
  }

  /** A thread's title and its space's name. */
  record Titled(String title, String spaceName) {}

  Titled thread(Handle h, long threadId) {
    return h.createQuery("SELECT t.title, s.name FROM threads t JOIN spaces s ON s.id = t.space_id WHERE t.id = ?")
        .bind(0, threadId).map((rs, ctx) -> new Titled(rs.getString(1), rs.getString(2))).one();
  }

  /**
   * The person's pending reminders, soonest first, of threads they may still read (a member of the space, or a
   * non-guest of its workspace when it is public): one who lost access sees neither title nor reminder.
   */
  List<Reminders.Reminder> pending(Handle h, long accountId) {
    return h.createQuery("""
            SELECT r.id, r.thread_id, t.title, s.name, r.remind_at FROM reminders r
            JOIN threads t ON t.id = r.thread_id
            JOIN spaces s ON s.id = t.space_id
            JOIN workspace_members wm ON wm.workspace_id = t.workspace_id AND wm.account_id = :me
            LEFT JOIN space_members sm ON sm.space_id = t.space_id AND sm.account_id = :me
            WHERE r.account_id = :me AND (sm.account_id IS NOT NULL OR (s.visibility <> 'private' AND wm.role <> 'guest'))
            ORDER BY r.remind_at, r.id""")
        .bind("me", accountId)
        .map((rs, ctx) -> new Reminders.Reminder(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
        .list();
  }

  /** Deletes one of the person's reminders; false when they have no such reminder. */
  boolean delete(Handle h, long reminderId, long accountId) {
    return h.createUpdate("DELETE FROM reminders WHERE id = ? AND account_id = ?").bind(0, reminderId).bind(1, accountId)
        .execute() > 0;
  }

  Optional<Owner> owner(Handle h, long reminderId) {
    return h.createQuery("SELECT account_id, thread_id FROM reminders WHERE id = ?").bind(0, reminderId)
        .map((rs, ctx) -> new Owner(rs.getLong(1), rs.getLong(2))).findOne();
  }

  void delete(Handle h, long reminderId) {
    h.createUpdate("DELETE FROM reminders WHERE id = ?").bind(0, reminderId).execute();
  }
}
