package dev.longhand.account;

import dev.longhand.store.InList;
import dev.longhand.time.WorkingRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for accounts, sessions, API tokens, schedules and sign-in failures. */
final class AccountStore {
  private static final String COLUMNS = "a.id, a.email, a.name, a.handle, a.time_zone, a.created_at";

  static Account map(ResultSet rs) throws SQLException {
    return new Account(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getString("handle"),
        ZoneId.of(rs.getString("time_zone")), rs.getLong("created_at"));
  }

  void insert(Handle h, Account a, String passwordHash) {
    h.createUpdate("""
            INSERT INTO accounts (id, email, name, handle, password_hash, time_zone, created_at)
            VALUES (:id, :email, :name, :handle, :hash, :zone, :at)""")
        .bind("id", a.id()).bind("email", a.email()).bind("name", a.name()).bind("handle", a.handle())
        .bind("hash", passwordHash).bind("zone", a.zone().getId()).bind("at", a.createdAt())
        .execute();
  }

  boolean emailTaken(Handle h, String email) {
    return h.createQuery("SELECT COUNT(*) FROM accounts WHERE email = ?").bind(0, email).mapTo(Integer.class).one() > 0;
  }

  /** How many numbered handles one statement asks about: {@code base}, {@code base2}, ... */
  static final int HANDLES_ASKED = 64;

  /**
   * {@code base} if no one has it, else the first of {@code base2}, {@code base3}, ... that is free. The candidates are
   * asked about {@link #HANDLES_ASKED} at a time: one at a time, the hundredth Ana to sign up cost a hundred queries.
   */
  String freeHandle(Handle h, String base) {
    for (int first = 1; ; first += HANDLES_ASKED) {
      List<String> candidates = new ArrayList<>(HANDLES_ASKED);
      for (int n = first; n < first + HANDLES_ASKED; n++) candidates.add(n == 1 ? base : base + n);
      Set<String> taken = h.createQuery("SELECT handle FROM accounts WHERE handle IN (<candidates>)")
          .bindList("candidates", InList.of(candidates)).mapTo(String.class).set();
      for (String c : candidates) if (!taken.contains(c)) return c;
    }
  }

  Optional<Account> byId(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM accounts a WHERE a.id = ?").bind(0, id)
        .map((rs, ctx) -> map(rs)).findOne();
  }

  record Credentials(Account account, String passwordHash) {}

  Optional<Credentials> credentials(Handle h, String email) {
    return h.createQuery("SELECT " + COLUMNS + ", a.password_hash FROM accounts a WHERE a.email = ?").bind(0, email)
        .map((rs, ctx) -> new Credentials(map(rs), rs.getString("password_hash"))).findOne();
  }

  Optional<Account> bySession(Handle h, String tokenHash, long now) {
    return h.createQuery("SELECT " + COLUMNS + " FROM sessions s JOIN accounts a ON a.id = s.account_id "
            + "WHERE s.token_hash = ? AND s.expires_at > ?")
        .bind(0, tokenHash).bind(1, now).map((rs, ctx) -> map(rs)).findOne();
  }

  Optional<Account> byApiToken(Handle h, String tokenHash) {
    return h.createQuery("SELECT " + COLUMNS + " FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
            + "WHERE t.token_hash = ? AND t.revoked_at IS NULL")
        .bind(0, tokenHash).map((rs, ctx) -> map(rs)).findOne();
  }

  void insertSession(Handle h, String tokenHash, long accountId, long now, long expiresAt) {
    h.execute("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        tokenHash, accountId, now, expiresAt);
  }

  void deleteSession(Handle h, String tokenHash) {
    h.execute("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
  }

  void insertToken(Handle h, long id, long accountId, String tokenHash, String label, long now) {
    h.execute("INSERT INTO api_tokens (id, account_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
        id, accountId, tokenHash, label, now);
  }

  List<ApiToken> tokens(Handle h, long accountId) {
    return h.createQuery("SELECT id, label, created_at, revoked_at FROM api_tokens WHERE account_id = ? ORDER BY id DESC")
        .bind(0, accountId)
        .map((rs, ctx) -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getLong(3),
            rs.getObject(4) == null ? Optional.empty() : Optional.of(rs.getLong(4))))
        .list();
  }

  int revokeToken(Handle h, long accountId, long tokenId, long now) {
    return h.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
        now, tokenId, accountId);
  }

  List<WorkingRange> workingHours(Handle h, long accountId) {
    return h.createQuery("SELECT day, start_minute, end_minute FROM working_hours WHERE account_id = ? ORDER BY day, start_minute")
        .bind(0, accountId)
        .map((rs, ctx) -> new WorkingRange(DayOfWeek.of(rs.getInt(1)),
            LocalTime.ofSecondOfDay(rs.getInt(2) * 60L), LocalTime.ofSecondOfDay(rs.getInt(3) * 60L)))
        .list();
  }

  void replaceSchedule(Handle h, long accountId, ZoneId zone, List<WorkingRange> ranges) {
    h.execute("UPDATE accounts SET time_zone = ? WHERE id = ?", zone.getId(), accountId);
    h.execute("DELETE FROM working_hours WHERE account_id = ?", accountId);
    var batch = h.prepareBatch("INSERT INTO working_hours (account_id, day, start_minute, end_minute) VALUES (?, ?, ?, ?)");
    for (WorkingRange r : ranges) {
      batch.add(accountId, r.day().getValue(), r.start().toSecondOfDay() / 60, r.end().toSecondOfDay() / 60);
    }
    if (!ranges.isEmpty()) batch.execute();
  }

  /**
   * Holds, until the transaction ends, PostgreSQL's lock for guesses from this address, so that nodes sharing the
   * database count and record them one at a time (SQLite's one writer already does).
   */
  void lockGuessesFrom(Handle h, String address) {
    h.execute("SELECT pg_advisory_xact_lock(?)", guessLockKey(address));
  }

  /** A key of its own for each address, in a range apart from the claims' (SHA-256 based, far from these). */
  private static long guessLockKey(String address) {
    return 0x5349474E494EL ^ ((long) address.hashCode() << 16); // "SIGNIN"
  }

  void recordFailure(Handle h, long id, String email, String address, long now) {
    h.execute("INSERT INTO login_failures (id, email, address, at) VALUES (?, ?, ?, ?)", id, email, address, now);
  }

  int failuresFor(Handle h, String email, String address, long since) {
    return h.createQuery("SELECT COUNT(*) FROM login_failures WHERE email = ? AND address = ? AND at > ?")
        .bind(0, email).bind(1, address).bind(2, since).mapTo(Integer.class).one();
  }

  int failuresFrom(Handle h, String address, long since) {
    return h.createQuery("SELECT COUNT(*) FROM login_failures WHERE address = ? AND at > ?")
        .bind(0, address).bind(1, since).mapTo(Integer.class).one();
  }

  void clearFailures(Handle h, String email, String address) {
    h.execute("DELETE FROM login_failures WHERE email = ? AND address = ?", email, address);
  }

  // ---- profile, sessions and tokens in bulk ----

  void rename(Handle h, long accountId, String name) {
    h.execute("UPDATE accounts SET name = ? WHERE id = ?", name, accountId);
  }

  void setPassword(Handle h, long accountId, String passwordHash) {
    h.execute("UPDATE accounts SET password_hash = ? WHERE id = ?", passwordHash, accountId);
  }

  /** Ends every session of the account but the one with {@code keepHash} (null: every one); returns how many. */
  int deleteSessions(Handle h, long accountId, String keepHash) {
    return keepHash == null
        ? h.execute("DELETE FROM sessions WHERE account_id = ?", accountId)
        : h.execute("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?", accountId, keepHash);
  }

  int revokeAllTokens(Handle h, long accountId, long now) {
    return h.execute("UPDATE api_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", now, accountId);
  }

  void setEmail(Handle h, long accountId, String email) {
    h.execute("UPDATE accounts SET email = ? WHERE id = ?", email, accountId);
  }

  // ---- password resets ----

  void insertReset(Handle h, String tokenHash, long accountId, long now, long expiresAt) {
    h.execute("INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        tokenHash, accountId, now, expiresAt);
  }

  /**
   * Holds the account's row until the transaction ends: two transactions that count an account's links an hour and
   * then add one take turns, so neither adds a sixth (PostgreSQL runs them side by side; SQLite has one writer).
   */
  void holdAccount(Handle h, long accountId) {
    h.createUpdate("UPDATE accounts SET id = id WHERE id = ?").bind(0, accountId).execute();
  }

  int resetsSince(Handle h, long accountId, long since) {
    return h.createQuery("SELECT COUNT(*) FROM password_resets WHERE account_id = ? AND created_at > ?")
        .bind(0, accountId).bind(1, since).mapTo(Integer.class).one();
  }

  /** The account a reset link stands for, while it is unused and unexpired. */
  Optional<Long> usableReset(Handle h, String tokenHash, long now) {
    return h.createQuery("SELECT account_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .bind(0, tokenHash).bind(1, now).mapTo(Long.class).findOne();
  }

  /** Uses the link (and every other open link of the account); 0 when it was used or expired meanwhile. */
  int useReset(Handle h, String tokenHash, long accountId, long now) {
    int used = h.execute("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        now, tokenHash, now);
    if (used == 1) h.execute("UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL", now, accountId);
    return used;
  }

  // ---- email changes ----

  void insertEmailChange(Handle h, String tokenHash, long accountId, String newEmail, long now, long expiresAt) {
    h.execute("INSERT INTO email_changes (token_hash, account_id, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        tokenHash, accountId, newEmail, now, expiresAt);
  }

  int emailChangesSince(Handle h, long accountId, long since) {
    return h.createQuery("SELECT COUNT(*) FROM email_changes WHERE account_id = ? AND created_at > ?")
        .bind(0, accountId).bind(1, since).mapTo(Integer.class).one();
  }

  record EmailChange(long accountId, String newEmail) {}

  Optional<EmailChange> usableEmailChange(Handle h, String tokenHash, long now) {
    return h.createQuery("SELECT account_id, new_email FROM email_changes WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .bind(0, tokenHash).bind(1, now).map((rs, ctx) -> new EmailChange(rs.getLong(1), rs.getString(2))).findOne();
  }

  /** Uses the link and ends the account's other pending changes; 0 when it was used or expired meanwhile. */
  int useEmailChange(Handle h, String tokenHash, long accountId, long now) {
    int used = h.execute("UPDATE email_changes SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        now, tokenHash, now);
    if (used == 1) h.execute("UPDATE email_changes SET used_at = ? WHERE account_id = ? AND used_at IS NULL", now, accountId);
    return used;
  }

  // ---- avatars ----

  void putAvatar(Handle h, long accountId, byte[] png, long now) {
    h.execute("DELETE FROM avatars WHERE account_id = ?", accountId);
    h.execute("INSERT INTO avatars (account_id, image, updated_at) VALUES (?, ?, ?)", accountId, png, now);
  }

  int deleteAvatar(Handle h, long accountId) {
    return h.execute("DELETE FROM avatars WHERE account_id = ?", accountId);
  }

  record StoredAvatar(byte[] png, long updatedAt) {}

  Optional<StoredAvatar> avatar(Handle h, long accountId) {
    return h.createQuery("SELECT image, updated_at FROM avatars WHERE account_id = ?").bind(0, accountId)
        .map((rs, ctx) -> new StoredAvatar(rs.getBytes(1), rs.getLong(2))).findOne();
  }

  /** When the account's picture last changed, if it has one: what a page's link carries so browsers fetch a new one. */
  Optional<Long> avatarVersion(Handle h, long accountId) {
    return h.createQuery("SELECT updated_at FROM avatars WHERE account_id = ?").bind(0, accountId).mapTo(Long.class).findOne();
  }

  /** Whether two people share a workspace (or are the same person): who may see whose picture. */
  boolean shareAWorkspace(Handle h, long viewerId, long accountId) {
    if (viewerId == accountId) return true;
    return h.createQuery("SELECT COUNT(*) FROM workspace_members x JOIN workspace_members y ON y.workspace_id = x.workspace_id "
            + "WHERE x.account_id = ? AND y.account_id = ?")
        .bind(0, viewerId).bind(1, accountId).mapTo(Integer.class).one() > 0;
  }
}
