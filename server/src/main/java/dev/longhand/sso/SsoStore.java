package dev.longhand.sso;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for single sign-on: identities at providers, and the sign-ins under way. */
final class SsoStore {
  /** A sign-in sent to the provider: what its return must match. */
  record Attempt(String state, String nonce, String codeVerifier, String nextPage) {}

  void insertAttempt(Handle h, String browserHash, Attempt a, long now, long expiresAt) {
    h.execute("DELETE FROM sso_attempts WHERE expires_at <= ?", now); // the abandoned ones
    h.execute("DELETE FROM sso_attempts WHERE browser_hash = ?", browserHash);
    h.execute("INSERT INTO sso_attempts (browser_hash, state, nonce, code_verifier, next_page, created_at, expires_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", browserHash, a.state(), a.nonce(), a.codeVerifier(), a.nextPage(), now, expiresAt);
  }

  /** The browser's sign-in while it is unexpired, removed in the same step: an attempt is used once. */
  Optional<Attempt> takeAttempt(Handle h, String browserHash, long now) {
    Optional<Attempt> found = h.createQuery("SELECT state, nonce, code_verifier, next_page FROM sso_attempts "
            + "WHERE browser_hash = ? AND expires_at > ?")
        .bind(0, browserHash).bind(1, now)
        .map((rs, ctx) -> new Attempt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .findOne();
    int removed = h.execute("DELETE FROM sso_attempts WHERE browser_hash = ?", browserHash);
    return removed == 1 ? found : Optional.empty(); // taken meanwhile by a second request: neither signs in twice
  }

  /** The account an identity at a provider stands for. */
  Optional<Long> accountOf(Handle h, String issuer, String subject) {
    return h.createQuery("SELECT account_id FROM sso_identities WHERE issuer = ? AND subject = ?")
        .bind(0, issuer).bind(1, subject).mapTo(Long.class).findOne();
  }

  void used(Handle h, String issuer, String subject, long now) {
    h.execute("UPDATE sso_identities SET last_used_at = ? WHERE issuer = ? AND subject = ?", now, issuer, subject);
  }

  /** Whether the account already has an identity at this provider (another subject). */
  boolean linkedAt(Handle h, long accountId, String issuer) {
    return h.createQuery("SELECT COUNT(*) FROM sso_identities WHERE account_id = ? AND issuer = ?")
        .bind(0, accountId).bind(1, issuer).mapTo(Integer.class).one() > 0;
  }

  void link(Handle h, String issuer, String subject, long accountId, String email, long now) {
    h.execute("INSERT INTO sso_identities (issuer, subject, account_id, email, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)",
        issuer, subject, accountId, email, now, now);
  }
}
