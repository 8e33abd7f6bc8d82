package dev.longhand.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for workspaces, memberships, invitations, spaces and space members. */
final class WorkspaceStore {

  static Space space(ResultSet rs) throws SQLException {
    return new Space(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("name"), rs.getString("visibility"), rs.getLong("created_at"));
  }

  void insertWorkspace(Handle h, Workspace w, long createdBy) {
    h.execute("INSERT INTO workspaces (id, name, created_by, created_at) VALUES (?, ?, ?, ?)", w.id(), w.name(), createdBy, w.createdAt());
  }

  /** Adds a member; the workspace's public spaces have a reader more (see {@link #readersChanged}). */
  void addMember(Handle h, long workspaceId, long accountId, Role role, long now) {
    h.execute("INSERT INTO workspace_members (workspace_id, account_id, role, joined_at) VALUES (?, ?, ?, ?)",
        workspaceId, accountId, role.key(), now);
    h.execute("UPDATE spaces SET readers_version = readers_version + 1 WHERE workspace_id = ? AND visibility = 'public'", workspaceId);
  }

  /**
   * Counts a change to who reads a space, or how: its threads' next posts offer an inbox row to every reader rather
   * than only to those who read the thread since its last post (inbox.InboxService).
   */
  long readersVersion(Handle h, long spaceId) {
    return h.createQuery("SELECT readers_version FROM spaces WHERE id = ?").bind(0, spaceId).mapTo(Long.class).findOne().orElse(0L);
  }

  void readersChanged(Handle h, long spaceId) {
    h.execute("UPDATE spaces SET readers_version = readers_version + 1 WHERE id = ?", spaceId);
  }

  Optional<Workspace.Membership> membership(Handle h, long accountId, long workspaceId) {
    return h.createQuery("""
            SELECT w.id, w.name, w.created_at, m.role FROM workspaces w
            JOIN workspace_members m ON m.workspace_id = w.id
            WHERE w.id = ? AND m.account_id = ?""")
        .bind(0, workspaceId).bind(1, accountId)
        .map((rs, ctx) -> new Workspace.Membership(new Workspace(rs.getLong(1), rs.getString(2), rs.getLong(3)), Role.of(rs.getString(4))))
        .findOne();
  }

  List<Workspace.Membership> memberships(Handle h, long accountId) {
    return h.createQuery("""
            SELECT w.id, w.name, w.created_at, m.role FROM workspaces w
            JOIN workspace_members m ON m.workspace_id = w.id
            WHERE m.account_id = ? ORDER BY w.name""")
        .bind(0, accountId)
        .map((rs, ctx) -> new Workspace.Membership(new Workspace(rs.getLong(1), rs.getString(2), rs.getLong(3)), Role.of(rs.getString(4))))
        .list();
  }

  List<Workspace.Member> members(Handle h, long workspaceId) {
    return h.createQuery("""
            SELECT a.id, a.name, a.handle, a.time_zone, m.role FROM workspace_members m
            JOIN accounts a ON a.id = m.account_id WHERE m.workspace_id = ? ORDER BY a.name""")
        .bind(0, workspaceId)
        .map((rs, ctx) -> new Workspace.Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.of(rs.getString(5))))
        .list();
  }

  /**
   * The members who read a space the person was added to (its members; for a public one every non-guest too), and
   * the person: the people a guest sees.
   */
  List<Workspace.Member> membersSharingSpaces(Handle h, long workspaceId, long accountId) {
    return h.createQuery("""
            SELECT a.id, a.name, a.handle, a.time_zone, m.role FROM workspace_members m
            JOIN accounts a ON a.id = m.account_id
            WHERE m.workspace_id = :ws AND (m.account_id = :me OR EXISTS (
              SELECT 1 FROM space_members mine JOIN spaces s ON s.id = mine.space_id
              WHERE mine.account_id = :me AND s.workspace_id = :ws
                AND ((s.visibility = 'public' AND m.role <> 'guest')
                  OR EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.account_id = m.account_id))))
            ORDER BY a.name""")
        .bind("ws", workspaceId).bind("me", accountId)
        .map((rs, ctx) -> new Workspace.Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.of(rs.getString(5))))
        .list();
  }

  void insertInvitation(Handle h, String codeHash, long workspaceId, Role role, long by, long now, long expiresAt) {
    h.execute("INSERT INTO invitations (code_hash, workspace_id, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        codeHash, workspaceId, role.key(), by, now, expiresAt);
  }

  record Invitation(long workspaceId, Role role, long expiresAt, Long acceptedBy, long createdBy, long acceptedAt) {}

  Optional<Invitation> invitation(Handle h, String codeHash) {
    return h.createQuery("SELECT workspace_id, role, expires_at, accepted_by, created_by, accepted_at FROM invitations WHERE code_hash = ?")
        .bind(0, codeHash)
        .map((rs, ctx) -> new Invitation(rs.getLong(1), Role.of(rs.getString(2)), rs.getLong(3),
            rs.getObject(4) == null ? null : rs.getLong(4), rs.getLong(5), rs.getLong(6)))
        .findOne();
  }

  Optional<String> accountName(Handle h, long accountId) {
    return h.createQuery("SELECT name FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).findOne();
  }

  int markAccepted(Handle h, String codeHash, long accountId, long now) {
    return h.execute("UPDATE invitations SET accepted_by = ?, accepted_at = ? WHERE code_hash = ? AND accepted_by IS NULL", accountId, now, codeHash);
  }

  Optional<String> workspaceName(Handle h, long workspaceId) {
    return h.createQuery("SELECT name FROM workspaces WHERE id = ?").bind(0, workspaceId).mapTo(String.class).findOne();
  }

  void insertSpace(Handle h, Space s, long createdBy) {
    h.execute("INSERT INTO spaces (id, workspace_id, name, visibility, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        s.id(), s.workspaceId(), s.name(), s.visibility(), createdBy, s.createdAt());
  }

  Optional<Space> space(Handle h, long spaceId) {
    return h.createQuery("SELECT id, workspace_id, name, visibility, created_at FROM spaces WHERE id = ?")
        .bind(0, spaceId).map((rs, ctx) -> space(rs)).findOne();
  }

  /** Everyone who may read a space: its members, plus every non-guest of the workspace if it is public. */
  List<Long> readers(Handle h, Space space) {
    String sql = space.isPrivate()
        ? "SELECT account_id FROM space_members WHERE space_id = :space"
        : """
          SELECT account_id FROM workspace_members WHERE workspace_id = :ws AND role <> 'guest'
          UNION SELECT account_id FROM space_members WHERE space_id = :space""";
    return h.createQuery(sql).bind("space", space.id()).bind("ws", space.workspaceId()).mapTo(Long.class).list();
  }

  boolean isSpaceMember(Handle h, long spaceId, long accountId) {
    return h.createQuery("SELECT COUNT(*) FROM space_members WHERE space_id = ? AND account_id = ?")
        .bind(0, spaceId).bind(1, accountId).mapTo(Integer.class).one() > 0;
  }

  boolean isSpaceCreator(Handle h, long spaceId, long accountId) {
    return h.createQuery("SELECT COUNT(*) FROM spaces WHERE id = ? AND created_by = ?")
        .bind(0, spaceId).bind(1, accountId).mapTo(Integer.class).one() > 0;
  }

  /** The spaces of a workspace that a person may see: public ones (unless a guest) and their own. */
  List<Space> visibleSpaces(Handle h, long workspaceId, long accountId, boolean guest) {
    return h.createQuery("""
            SELECT s.id, s.workspace_id, s.name, s.visibility, s.created_at FROM spaces s
            WHERE s.workspace_id = :ws AND (
              (s.visibility = 'public' AND :guest = 0)
              OR EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.account_id = :me))
            ORDER BY s.name""")
        .bind("ws", workspaceId).bind("me", accountId).bind("guest", guest ? 1 : 0)
        .map((rs, ctx) -> space(rs)).list();
  }

  /** The same rule as {@link #visibleSpaces}, for every workspace the person belongs to. */
  List<Space> readableSpaces(Handle h, long accountId) {
    return h.createQuery("""
            SELECT s.id, s.workspace_id, s.name, s.visibility, s.created_at FROM spaces s
            JOIN workspace_members m ON m.workspace_id = s.workspace_id AND m.account_id = :me
            WHERE (s.visibility = 'public' AND m.role <> 'guest')
              OR EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.account_id = :me)
            ORDER BY s.name, s.id""")
        .bind("me", accountId)
        .map((rs, ctx) -> space(rs)).list();
  }

  void addSpaceMember(Handle h, long spaceId, long workspaceId, long accountId, long now) {
    h.execute("""
        INSERT INTO space_members (space_id, account_id, workspace_id, added_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (space_id, account_id) DO NOTHING""", spaceId, accountId, workspaceId, now);
    readersChanged(h, spaceId);
  }

  List<Workspace.Member> spaceMembers(Handle h, long spaceId) {
    return h.createQuery("""
            SELECT a.id, a.name, a.handle, a.time_zone, m.role FROM space_members sm
            JOIN spaces s ON s.id = sm.space_id
            JOIN workspace_members m ON m.workspace_id = s.workspace_id AND m.account_id = sm.account_id
            JOIN accounts a ON a.id = sm.account_id WHERE sm.space_id = ? ORDER BY a.name""")
        .bind(0, spaceId)
        .map((rs, ctx) -> new Workspace.Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.of(rs.getString(5))))
        .list();
  }

  int owners(Handle h, long workspaceId) {
    return h.createQuery("SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ? AND role = 'owner'")
        .bind(0, workspaceId).mapTo(Integer.class).one();
  }

  /**
   * Takes a person out of a workspace: their membership, their places in its spaces, and their inbox rows there (the
   * inbox is materialized per reader; rows of a workspace one left would otherwise wait for a return). What they
   * wrote is not touched.
   */
  void removeMember(Handle h, long workspaceId, long accountId) {
    // every space of the workspace they read loses a reader (the private ones they were in, and the public ones)
    h.execute("UPDATE spaces SET readers_version = readers_version + 1 WHERE workspace_id = ?", workspaceId);
    h.execute("DELETE FROM space_members WHERE workspace_id = ? AND account_id = ?", workspaceId, accountId);
    h.execute("DELETE FROM inbox_items WHERE workspace_id = ? AND account_id = ?", workspaceId, accountId);
    h.execute("DELETE FROM workspace_members WHERE workspace_id = ? AND account_id = ?", workspaceId, accountId);
  }

  /** Takes a person off a space's members; returns 0 when they were not one. */
  int removeSpaceMember(Handle h, long spaceId, long accountId) {
    int removed = h.execute("DELETE FROM space_members WHERE space_id = ? AND account_id = ?", spaceId, accountId);
    if (removed > 0) readersChanged(h, spaceId);
    return removed;
  }

  /** Drops a person's inbox rows of a space they no longer read, so its threads' titles leave their inbox too. */
  void dropInbox(Handle h, long spaceId, long accountId) {
    h.execute("DELETE FROM inbox_items WHERE space_id = ? AND account_id = ?", spaceId, accountId);
  }
}
