package dev.longhand.account;

import dev.longhand.time.WorkingRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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

  boolean handleTaken(Handle h, String handle) {
    return h.createQuery("SELECT COUNT(*) FROM accounts WHERE handle = ?").bind(0, handle).mapTo(Integer.class).one() > 0;
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
}
