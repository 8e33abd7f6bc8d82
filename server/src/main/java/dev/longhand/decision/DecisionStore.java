package dev.longhand.decision;

import dev.longhand.store.InList;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL for decisions, their history and thread resolutions. Options and history changes are JSON text. */
final class DecisionStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = """
      d.id, d.workspace_id, d.space_id, d.number, d.title, d.context, d.options, d.decision, d.rationale, d.consequences,
      d.status, d.owner_id, d.revisit_by, d.supersedes_id, d.superseded_by_id, d.source_kind, d.source_id, d.created_by,
      d.created_at, d.updated_at, s.name, o.name, o.handle""";
  private static final String FROM = """
      FROM decisions d JOIN spaces s ON s.id = d.space_id JOIN accounts o ON o.id = d.owner_id""";

  /** The next number in the workspace's log; the upsert's row lock keeps concurrent writers apart. */
  int nextNumber(Handle h, long workspaceId) {
    h.createUpdate("""
            INSERT INTO decision_numbers (workspace_id, last_number) VALUES (?, 1)
            ON CONFLICT (workspace_id) DO UPDATE SET last_number = decision_numbers.last_number + 1""")
        .bind(0, workspaceId).execute();
    return h.createQuery("SELECT last_number FROM decision_numbers WHERE workspace_id = ?").bind(0, workspaceId)
        .mapTo(Integer.class).one();
  }

  void insert(Handle h, Decision d) {
    h.createUpdate("""
            INSERT INTO decisions (id, workspace_id, space_id, number, title, context, options, decision, rationale,
              consequences, status, owner_id, revisit_by, supersedes_id, source_kind, source_id, created_by, created_at, updated_at)
            VALUES (:id, :ws, :space, :number, :title, :context, :options, :decision, :rationale, :consequences, :status,
              :owner, :revisit, :supersedes, :sourceKind, :sourceId, :by, :at, :at)""")
        .bind("id", d.id()).bind("ws", d.workspaceId()).bind("space", d.spaceId()).bind("number", d.number())
        .bind("title", d.title()).bind("context", d.context()).bind("options", json(d.options()))
        .bind("decision", d.decision()).bind("rationale", d.rationale()).bind("consequences", d.consequences())
        .bind("status", d.status().key()).bind("owner", d.ownerId())
        .bind("revisit", d.revisitBy().map(LocalDate::toString).orElse(null))
        .bind("supersedes", d.supersedesId().orElse(null))
        .bind("sourceKind", d.source().map(Decision.Source::kind).orElse(null))
        .bind("sourceId", d.source().map(Decision.Source::id).orElse(null))
        .bind("by", d.createdBy()).bind("at", d.createdAt())
        .execute();
  }

  /** Writes every editable field of {@code d} (the service has merged the change into it). */
  void update(Handle h, Decision d) {
    h.createUpdate("""
            UPDATE decisions SET title = :title, context = :context, options = :options, decision = :decision,
              rationale = :rationale, consequences = :consequences, status = :status, owner_id = :owner,
              revisit_by = :revisit, superseded_by_id = :supersededBy, updated_at = :at WHERE id = :id""")
        .bind("id", d.id()).bind("title", d.title()).bind("context", d.context()).bind("options", json(d.options()))
        .bind("decision", d.decision()).bind("rationale", d.rationale()).bind("consequences", d.consequences())
        .bind("status", d.status().key()).bind("owner", d.ownerId())
        .bind("revisit", d.revisitBy().map(LocalDate::toString).orElse(null))
        .bind("supersededBy", d.supersededById().orElse(null)).bind("at", d.updatedAt())
        .execute();
  }

  Optional<Decision.Row> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE d.id = ?").bind(0, id).map((rs, ctx) -> row(rs)).findOne();
  }

  List<Decision.Row> byIds(Handle h, Collection<Long> ids) {
    if (ids.isEmpty()) return List.of();
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE d.id IN (<ids>) ORDER BY d.id")
        .bindList("ids", InList.of(ids)).map((rs, ctx) -> row(rs)).list();
  }

  /** The decisions of these spaces that pass the filter, newest first; {@code fromMillis}/{@code toMillis} bound created_at. */
  List<Decision.Row> inSpaces(Handle h, Collection<Long> spaceIds, Decision.Filter f, long fromMillis, long toMillis, int limit) {
    if (spaceIds.isEmpty()) return List.of();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " " + FROM + " WHERE d.space_id IN (<spaces>)");
    f.status().ifPresent(s -> sql.append(" AND d.status = :status"));
    f.ownerId().ifPresent(o -> sql.append(" AND d.owner_id = :owner"));
    sql.append(" AND d.created_at >= :from AND d.created_at < :to ORDER BY d.created_at DESC, d.id DESC LIMIT :limit");
    Query q = h.createQuery(sql.toString()).bindList("spaces", InList.of(spaceIds)).bind("from", fromMillis)
        .bind("to", toMillis).bind("limit", limit);
    f.status().ifPresent(s -> q.bind("status", s.key()));
    f.ownerId().ifPresent(o -> q.bind("owner", o));
    return q.map((rs, ctx) -> row(rs)).list();
  }

  /** Every decision of these spaces, by number: what the export writes. */
  List<Decision.Row> allInSpaces(Handle h, Collection<Long> spaceIds) {
    if (spaceIds.isEmpty()) return List.of();
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE d.space_id IN (<spaces>) ORDER BY d.number")
        .bindList("spaces", InList.of(spaceIds)).map((rs, ctx) -> row(rs)).list();
  }

  void addHistory(Handle h, long id, Decision d, long actorId, long at, String action, List<Decision.Change> changes) {
    h.createUpdate("""
            INSERT INTO decision_history (id, decision_id, workspace_id, actor_id, at, action, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, id).bind(1, d.id()).bind(2, d.workspaceId()).bind(3, actorId == 0 ? null : actorId).bind(4, at)
        .bind(5, action).bind(6, json(changes)).execute();
  }

  List<Decision.HistoryEntry> history(Handle h, long decisionId) {
    return h.createQuery("""
            SELECT dh.at, dh.actor_id, a.name, a.handle, dh.action, dh.changes FROM decision_history dh
            LEFT JOIN accounts a ON a.id = dh.actor_id WHERE dh.decision_id = ? ORDER BY dh.at, dh.id""")
        .bind(0, decisionId)
        .map((rs, ctx) -> {
          long actor = rs.getLong(2);
          Optional<Decision.Person> who = rs.wasNull() ? Optional.empty()
              : Optional.of(new Decision.Person(actor, rs.getString(3), rs.getString(4)));
          return new Decision.HistoryEntry(rs.getLong(1), who, rs.getString(5), read(rs.getString(6), new TypeReference<List<Decision.Change>>() {}));
        }).list();
  }

  Optional<String> threadTitle(Handle h, long threadId) {
    return h.createQuery("SELECT title FROM threads WHERE id = ?").bind(0, threadId).mapTo(String.class).findOne();
  }

  String workspaceName(Handle h, long workspaceId) {
    return h.createQuery("SELECT name FROM workspaces WHERE id = ?").bind(0, workspaceId).mapTo(String.class).one();
  }

  Optional<String> accountZone(Handle h, long accountId) {
    return h.createQuery("SELECT time_zone FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).findOne();
  }

  Optional<String> accountName(Handle h, long accountId) {
    return h.createQuery("SELECT name FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).findOne();
  }

  /** The person as a decision names them: two statements, as the resolution has always read them. */
  Decision.Person person(Handle h, long accountId) {
    String name = h.createQuery("SELECT name FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).one();
    String handle = h.createQuery("SELECT handle FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).one();
    return new Decision.Person(accountId, name, handle);
  }

  /** A decision's source as decisions see it, from its table ({@code threads} or {@code documents}). */
  Optional<DecisionSources.Ref> source(Handle h, String table, long id) {
    return h.createQuery("SELECT id, workspace_id, space_id, title FROM " + table + " WHERE id = ?")
        .bind(0, id)
        .map((rs, ctx) -> new DecisionSources.Ref(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
        .findOne();
  }

  Optional<DecisionService.ThreadRef> thread(Handle h, long threadId) {
    return h.createQuery("SELECT id, workspace_id, space_id, title, body FROM threads WHERE id = ?")
        .bind(0, threadId)
        .map((rs, ctx) -> new DecisionService.ThreadRef(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
        .findOne();
  }

  /** The next page of decision ids in id order, after {@code after}. */
  List<Long> idsAfter(Handle h, long after, int limit) {
    return h.createQuery("SELECT id FROM decisions WHERE id > ? ORDER BY id LIMIT ?").bind(0, after).bind(1, limit)
        .mapTo(Long.class).list();
  }

  // Thread resolutions.

  record Resolved(long threadId, long workspaceId, long spaceId, String outcome, Optional<Long> decisionId, String note,
                  Decision.Person by, long at) {}

  /** False when the thread was resolved meanwhile (a concurrent resolution won). */
  boolean insertResolution(Handle h, Resolved r) {
    return h.createUpdate("""
            INSERT INTO thread_resolutions (thread_id, workspace_id, space_id, outcome, decision_id, note, resolved_by, resolved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (thread_id) DO NOTHING""")
        .bind(0, r.threadId()).bind(1, r.workspaceId()).bind(2, r.spaceId()).bind(3, r.outcome())
        .bind(4, r.decisionId().orElse(null)).bind(5, r.note()).bind(6, r.by().id()).bind(7, r.at()).execute() == 1;
  }

  boolean deleteResolution(Handle h, long threadId) {
    return h.createUpdate("DELETE FROM thread_resolutions WHERE thread_id = ?").bind(0, threadId).execute() > 0;
  }

  Optional<Resolved> resolution(Handle h, long threadId) {
    return h.createQuery("""
            SELECT r.thread_id, r.workspace_id, r.space_id, r.outcome, r.decision_id, r.note, a.id, a.name, a.handle, r.resolved_at
            FROM thread_resolutions r JOIN accounts a ON a.id = r.resolved_by WHERE r.thread_id = ?""")
        .bind(0, threadId)
        .map((rs, ctx) -> {
          long decision = rs.getLong(5);
          Optional<Long> d = rs.wasNull() ? Optional.empty() : Optional.of(decision);
          return new Resolved(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), d, rs.getString(6),
              new Decision.Person(rs.getLong(7), rs.getString(8), rs.getString(9)), rs.getLong(10));
        }).findOne();
  }

  private static Decision.Row row(ResultSet rs) throws SQLException {
    Decision d = new Decision(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6),
        read(rs.getString(7), new TypeReference<List<Decision.Option>>() {}), rs.getString(8), rs.getString(9), rs.getString(10),
        Decision.Status.of(rs.getString(11)).orElseThrow(), rs.getLong(12),
        Optional.ofNullable(rs.getString(13)).map(LocalDate::parse), optionalLong(rs, 14), optionalLong(rs, 15),
        source(rs), rs.getLong(18), rs.getLong(19), rs.getLong(20));
    return new Decision.Row(d, rs.getString(21), new Decision.Person(d.ownerId(), rs.getString(22), rs.getString(23)));
  }

  private static Optional<Decision.Source> source(ResultSet rs) throws SQLException {
    String kind = rs.getString(16);
    long id = rs.getLong(17);
    return kind == null ? Optional.empty() : Optional.of(new Decision.Source(kind, id));
  }

  private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T read(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in decisions: " + e.getMessage(), e);
    }
  }
}
