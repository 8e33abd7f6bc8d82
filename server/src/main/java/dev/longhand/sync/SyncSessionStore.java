package dev.longhand.sync;

import dev.longhand.store.InList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for sync sessions, their agenda, their participants (with the history fair rotation reads) and budgets. */
public final class SyncSessionStore {
  private static final String COLUMNS = """
      s.id, s.workspace_id, s.space_id, s.thread_id, s.organiser_id, s.purpose, s.minutes, s.status, s.start_at,
      s.end_at, s.sequence, s.call_link, s.created_at, s.updated_at, s.closed_at""";

  public void insert(Handle h, SyncSession s) {
    h.createUpdate("""
            INSERT INTO sync_sessions (id, workspace_id, space_id, thread_id, organiser_id, purpose, minutes, status,
              start_at, end_at, sequence, call_link, created_at, updated_at)
            VALUES (:id, :workspace, :space, :thread, :organiser, :purpose, :minutes, :status, :start, :end, :sequence,
              :link, :created, :updated)""")
        .bind("id", s.id()).bind("workspace", s.workspaceId()).bind("space", s.spaceId())
        .bind("thread", s.threadId() == 0 ? null : s.threadId()).bind("organiser", s.organiserId())
        .bind("purpose", s.purpose()).bind("minutes", s.minutes()).bind("status", s.status().key())
        .bind("start", s.startAt() == 0 ? null : s.startAt()).bind("end", s.endAt() == 0 ? null : s.endAt())
        .bind("sequence", s.sequence()).bind("link", s.callLink().isEmpty() ? null : s.callLink())
        .bind("created", s.createdAt()).bind("updated", s.updatedAt())
        .execute();
  }

  public void insertAgenda(Handle h, SyncSession s, List<String> items) {
    var batch = h.prepareBatch("INSERT INTO sync_session_agenda (session_id, workspace_id, position, text) VALUES (?, ?, ?, ?)");
    for (int i = 0; i < items.size(); i++) batch.bind(0, s.id()).bind(1, s.workspaceId()).bind(2, i).bind(3, items.get(i)).add();
    batch.execute();
  }

  public void insertParticipants(Handle h, SyncSession s, Collection<Long> accountIds, long now) {
    var batch = h.prepareBatch("""
        INSERT INTO sync_session_participants (session_id, workspace_id, account_id, status, outside_minutes, added_at)
        VALUES (?, ?, ?, ?, 0, ?)""");
    for (long a : accountIds) batch.bind(0, s.id()).bind(1, s.workspaceId()).bind(2, a).bind(3, s.status().key()).bind(4, now).add();
    batch.execute();
  }

  public Optional<SyncSession> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM sync_sessions s WHERE s.id = ?").bind(0, id).map((rs, ctx) -> session(rs)).findOne();
  }

  /** A thread's sessions, newest first. */
  public List<SyncSession> ofThread(Handle h, long threadId, int limit) {
    return h.createQuery("SELECT " + COLUMNS + " FROM sync_sessions s WHERE s.thread_id = ? ORDER BY s.created_at DESC, s.id DESC LIMIT ?")
        .bind(0, threadId).bind(1, limit).map((rs, ctx) -> session(rs)).list();
  }

  public List<SyncSession.AgendaItem> agenda(Handle h, long sessionId) {
    return h.createQuery("SELECT position, text FROM sync_session_agenda WHERE session_id = ? ORDER BY position")
        .bind(0, sessionId).map((rs, ctx) -> new SyncSession.AgendaItem(rs.getInt(1), rs.getString(2))).list();
  }

  /** The participants in the order they were named (the organiser first). */
  public List<SyncSession.Participant> participants(Handle h, long sessionId) {
    return h.createQuery("""
            SELECT a.id, a.name, a.handle, a.time_zone, p.outside_minutes
            FROM sync_session_participants p JOIN accounts a ON a.id = p.account_id
            WHERE p.session_id = ? ORDER BY p.added_at, a.name, a.id""")
        .bind(0, sessionId)
        .map((rs, ctx) -> new SyncSession.Participant(person(rs, 1), rs.getInt(5))).list();
  }

  public SyncSession.Person person(Handle h, long accountId) {
    return h.createQuery("SELECT id, name, handle, time_zone FROM accounts WHERE id = ?").bind(0, accountId)
        .map((rs, ctx) -> person(rs, 1)).one();
  }

  /** These people by name. */
  public List<SyncSession.Person> people(Handle h, Collection<Long> accountIds) {
    if (accountIds.isEmpty()) return List.of();
    return h.createQuery("SELECT id, name, handle, time_zone FROM accounts WHERE id IN (<people>) ORDER BY name, id")
        .bindList("people", InList.of(accountIds)).map((rs, ctx) -> person(rs, 1)).list();
  }

  /** A live thread's space and title, for proposing from it; empty for unknown and deleted threads. */
  public Optional<ThreadRef> thread(Handle h, long threadId) {
    return h.createQuery("SELECT id, space_id, title FROM threads WHERE id = ? AND deleted_at IS NULL").bind(0, threadId)
        .map((rs, ctx) -> new ThreadRef(rs.getLong(1), rs.getLong(2), rs.getString(3))).findOne();
  }

  public record ThreadRef(long id, long spaceId, String title) {}

  // Scheduling, history and budgets (what fair rotation and the weekly budget read).

  /** Writes the session's status, time, SEQUENCE and link, and copies status and time to its participants. */
  public void update(Handle h, SyncSession s) {
    h.createUpdate("""
            UPDATE sync_sessions SET status = :status, start_at = :start, end_at = :end, sequence = :sequence,
              call_link = :link, updated_at = :updated WHERE id = :id""")
        .bind("status", s.status().key()).bind("start", s.startAt() == 0 ? null : s.startAt())
        .bind("end", s.endAt() == 0 ? null : s.endAt()).bind("sequence", s.sequence())
        .bind("link", s.callLink().isEmpty() ? null : s.callLink()).bind("updated", s.updatedAt()).bind("id", s.id())
        .execute();
    h.createUpdate("UPDATE sync_session_participants SET status = :status, start_at = :start, end_at = :end WHERE session_id = :id")
        .bind("status", s.status().key()).bind("start", s.startAt() == 0 ? null : s.startAt())
        .bind("end", s.endAt() == 0 ? null : s.endAt()).bind("id", s.id()).execute();
  }

  /** Sets how many minutes the session's time stretches each participant's day (the history fair rotation reads). */
  public void setOutsideMinutes(Handle h, long sessionId, java.util.Map<Long, Integer> minutes) {
    var batch = h.prepareBatch("UPDATE sync_session_participants SET outside_minutes = ? WHERE session_id = ? AND account_id = ?");
    minutes.forEach((account, m) -> batch.bind(0, m).bind(1, sessionId).bind(2, account).add());
    if (!minutes.isEmpty()) batch.execute();
  }

  /**
   * The minutes outside their hours each person bore in the workspace's sessions that are scheduled or were held
   * (cancelled and proposed ones cost nobody anything), leaving one session out; people with none are absent.
   */
  public java.util.Map<Long, Long> burden(Handle h, long workspaceId, Collection<Long> accountIds, long exceptSession) {
    if (accountIds.isEmpty()) return java.util.Map.of();
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    h.createQuery("""
            SELECT account_id, SUM(outside_minutes) FROM sync_session_participants
            WHERE workspace_id = :workspace AND account_id IN (<people>) AND status IN ('scheduled', 'closed')
              AND session_id <> :except
            GROUP BY account_id""")
        .bind("workspace", workspaceId).bindList("people", InList.of(accountIds)).bind("except", exceptSession)
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** A scheduled or held session of someone's: its time, for their weekly budget and their calendar feed. */
  public record Booked(long accountId, long sessionId, long startAt, long endAt) {}

  /** These people's scheduled or held sessions in the workspace overlapping {@code [from, to)}. */
  public List<Booked> booked(Handle h, long workspaceId, Collection<Long> accountIds, long from, long to) {
    if (accountIds.isEmpty()) return List.of();
    return h.createQuery("""
            SELECT account_id, session_id, start_at, end_at FROM sync_session_participants
            WHERE account_id IN (<people>) AND workspace_id = :workspace AND status IN ('scheduled', 'closed')
              AND start_at < :to AND end_at > :from""")
        .bindList("people", InList.of(accountIds)).bind("workspace", workspaceId).bind("from", from).bind("to", to)
        .map((rs, ctx) -> new Booked(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
  }

  /** A person's scheduled sessions overlapping {@code [from, to)}, in any workspace: their calendar feed. */
  public List<SyncSession> scheduledFor(Handle h, long accountId, long from, long to) {
    return h.createQuery("SELECT " + COLUMNS + """
             FROM sync_session_participants p JOIN sync_sessions s ON s.id = p.session_id
            WHERE p.account_id = :me AND p.status = 'scheduled' AND p.start_at < :to AND p.end_at > :from
            ORDER BY s.start_at""")
        .bind("me", accountId).bind("from", from).bind("to", to).map((rs, ctx) -> session(rs)).list();
  }

  /** People's weekly meeting budgets in minutes; people without a setting are absent. */
  public java.util.Map<Long, Integer> budgets(Handle h, Collection<Long> accountIds) {
    if (accountIds.isEmpty()) return java.util.Map.of();
    java.util.Map<Long, Integer> out = new java.util.HashMap<>();
    h.createQuery("SELECT account_id, weekly_minutes FROM sync_budgets WHERE account_id IN (<people>)")
        .bindList("people", InList.of(accountIds))
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getInt(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  public void putBudget(Handle h, long accountId, int weeklyMinutes, long now) {
    h.createUpdate("""
            INSERT INTO sync_budgets (account_id, weekly_minutes, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (account_id) DO UPDATE SET weekly_minutes = excluded.weekly_minutes, updated_at = excluded.updated_at""")
        .bind(0, accountId).bind(1, weeklyMinutes).bind(2, now).execute();
  }

  /** Email addresses by account. */
  public java.util.Map<Long, String> emails(Handle h, Collection<Long> accountIds) {
    if (accountIds.isEmpty()) return java.util.Map.of();
    java.util.Map<Long, String> out = new java.util.HashMap<>();
    h.createQuery("SELECT id, email FROM accounts WHERE id IN (<people>)").bindList("people", InList.of(accountIds))
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static SyncSession session(ResultSet rs) throws SQLException {
    return new SyncSession(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
        rs.getInt(7), SyncSession.Status.of(rs.getString(8)), rs.getLong(9), rs.getLong(10), rs.getInt(11),
        rs.getString(12) == null ? "" : rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getLong(15));
  }

  static SyncSession.Person person(ResultSet rs, int from) throws SQLException {
    return new SyncSession.Person(rs.getLong(from), rs.getString(from + 1), rs.getString(from + 2),
        rs.getString(from + 3) == null ? "UTC" : rs.getString(from + 3));
  }
}
