package dev.longhand.account;

import dev.longhand.due.DueWork;
import dev.longhand.http.Problem;
import dev.longhand.mail.Mail;
import dev.longhand.mail.Mailer;
import dev.longhand.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * What an account does by mailed link: "forgot password" and changing one's email address.
 *
 * <p>A reset is asked for by address, by anyone. The request does the same work whatever the address: it is
 * checked for shape only and stored as due work (one insert), and only the due work, after the answer has gone,
 * looks the address up, makes a link and queues the mail. The answer and its timing therefore say nothing about
 * whether an account exists. A link is a random secret stored hashed, works once (using it ends the account's other
 * open links too) and for an hour, and setting the password through it ends every session of the account. An account
 * is sent at most {@link #LINKS_PER_HOUR} links an hour, so nobody can flood a mailbox through the form.
 *
 * <p>A new email address is confirmed from its own mailbox: the link goes to the new address, the old one keeps
 * working until the link is used (once, within a day), and the old address is told of the change.
 */
public final class AccountRecovery {
  static final Duration RESET_LIFETIME = Duration.ofHours(1);
  static final Duration EMAIL_CHANGE_LIFETIME = Duration.ofHours(24);
  static final int LINKS_PER_HOUR = 5;
  /** The due work that looks up an address asked for a reset and mails it a link. */
  public static final String RESET_KIND = "password-reset-mail";
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Database db;
  private final Clock clock;
  private final AccountService accounts;
  private final AccountStore store;
  private final Mailer mailer;
  private final DueWork due;
  private final Supplier<String> baseUrl;

  public AccountRecovery(Database db, Clock clock, AccountService accounts, Mailer mailer, DueWork due, Supplier<String> baseUrl) {
    this.db = db;
    this.clock = clock;
    this.accounts = accounts;
    this.store = accounts.store();
    this.mailer = mailer;
    this.due = due;
    this.baseUrl = baseUrl;
  }

  /** Whether this server sends mail at all: without it, pages say that links cannot be sent. */
  public boolean mailEnabled() {
    return mailer.enabled();
  }

  /** Its due work: the reset mail, made after the request has been answered. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(RESET_KIND, this::mailResetLink);
  }

  // ---- forgot password ----

  /** Accepts a reset request for any well-formed address: the same work and answer whether or not it has an account. */
  public void requestReset(String rawEmail) {
    accounts.refuseWithoutPasswords();
    String email = checkedEmail("email", rawEmail);
    if (!mailer.enabled()) return;
    db.writeAll(h -> due.schedule(h, RESET_KIND, 0, clock.instant(), email));
  }

  private void mailResetLink(Handle h, DueWork.Item item, Instant now) {
    store.credentials(h, item.payload()).ifPresent(c -> {
      long accountId = c.account().id();
      long at = now.toEpochMilli();
      store.holdAccount(h, accountId);
      if (store.resetsSince(h, accountId, at - Duration.ofHours(1).toMillis()) >= LINKS_PER_HOUR) return;
      String token = Secrets.newSecret("");
      store.insertReset(h, Secrets.hash(token), accountId, at, at + RESET_LIFETIME.toMillis());
      String link = base() + "/password-resets/" + token;
      mailer.queue(h, new Mail(c.account().email(), "Reset your Longhand password",
          "Hello " + c.account().name() + ",\n\n"
              + "Someone asked to reset the password of your Longhand account. To choose a new one, open this link "
              + "within an hour (it works once):\n\n" + link + "\n\n"
              + "Choosing a new password signs you out everywhere else. If you did not ask for this, ignore this "
              + "email: your password stays as it is.\n", null));
    });
  }

  /** Whether a reset link works now (the page asks before showing its form); "not found" when used or expired. */
  public void checkReset(String token) {
    String hash = tokenHash(token);
    db.read(h -> store.usableReset(h, hash, clock.millis())).orElseThrow(() -> Problem.notFound("password reset link"));
  }

  /** Sets a new password through a reset link, once; ends every session of the account. */
  public void resetPassword(String token, String password) {
    accounts.refuseWithoutPasswords();
    AccountService.checkNewPassword("password", password);
    String hash = tokenHash(token);
    long accountId = db.read(h -> store.usableReset(h, hash, clock.millis()))
        .orElseThrow(() -> Problem.notFound("password reset link"));
    String newHash = accounts.passwords().hash(password); // slow on purpose: outside the transaction
    long now = clock.millis();
    db.writeAll(h -> {
      if (store.useReset(h, hash, accountId, now) == 0) throw Problem.notFound("password reset link");
      store.setPassword(h, accountId, newHash);
      store.deleteSessions(h, accountId, null);
    });
  }

  // ---- changing one's email ----

  /** Mails a confirmation link to the new address, when the password is right; returns the address it went to. */
  public String requestEmailChange(long accountId, String rawEmail, String password, String address) {
    accounts.refuseWithoutPasswords(); // the change is confirmed with one's password
    String email = checkedEmail("email", rawEmail);
    if (password == null || password.isEmpty()) throw Problem.invalid("password", "'password' is required.");
    Account a = accounts.account(accountId).account();
    if (email.equals(a.email())) throw Problem.invalid("email", "That is already your email address.");
    if (!mailer.enabled()) {
      throw Problem.conflict("email", "This server sends no email, so a new address cannot be confirmed. Ask its administrator.");
    }
    accounts.checkPassword(a.email(), password, address, "password", "That is not your password.");
    String token = Secrets.newSecret("");
    long now = clock.millis();
    db.writeAll(h -> {
      if (store.emailTaken(h, email)) throw Problem.conflict("email", "An account with this email already exists.");
      store.holdAccount(h, accountId);
      if (store.emailChangesSince(h, accountId, now - Duration.ofHours(1).toMillis()) >= LINKS_PER_HOUR) {
        throw Problem.tooManyRequests("Too many email changes in the last hour. Try again later.");
      }
      store.insertEmailChange(h, Secrets.hash(token), accountId, email, now, now + EMAIL_CHANGE_LIFETIME.toMillis());
      mailer.queue(h, new Mail(email, "Confirm your new email for Longhand",
          "Hello " + a.name() + ",\n\n"
              + "To use this address for your Longhand account, open this link within a day (it works once):\n\n"
              + base() + "/email-changes/" + token + "\n\n"
              + "Until then you sign in with " + a.email() + ". If you did not ask for this, ignore this email.\n", null));
    });
    return email;
  }

  /** The address a confirmation link would set; "not found" when it was used or has expired. */
  public String pendingEmail(String token) {
    String hash = tokenHash(token);
    return db.read(h -> store.usableEmailChange(h, hash, clock.millis())).orElseThrow(() -> Problem.notFound("email change link"))
        .newEmail();
  }

  /** Confirms a new address, once: it replaces the old, which is told. Returns the account. */
  public Account confirmEmailChange(String token) {
    String hash = tokenHash(token);
    long now = clock.millis();
    Account changed = db.write(h -> {
      AccountStore.EmailChange c = store.usableEmailChange(h, hash, now).orElseThrow(() -> Problem.notFound("email change link"));
      if (store.useEmailChange(h, hash, c.accountId(), now) == 0) throw Problem.notFound("email change link");
      if (store.emailTaken(h, c.newEmail())) throw Problem.conflict("email", "An account with this email already exists.");
      Account before = store.byId(h, c.accountId()).orElseThrow(() -> Problem.notFound("email change link"));
      store.setEmail(h, c.accountId(), c.newEmail());
      mailer.queue(h, new Mail(before.email(), "Your Longhand email was changed",
          "Hello " + before.name() + ",\n\nYour Longhand account now uses " + c.newEmail() + " to sign in and for email. "
              + "If you did not do this, reset your password from that address or ask your workspace's admin.\n", null));
      return store.byId(h, c.accountId()).orElseThrow();
    });
    accounts.tokensChanged(); // a token's viewer carries the email
    return changed;
  }

  private String base() {
    return baseUrl.get().replaceAll("/+$", "");
  }

  /** Links are 43 characters of URL-safe Base64; anything else cannot be one. */
  private static String tokenHash(String token) {
    if (token == null || token.length() != 43 || !token.matches("[A-Za-z0-9_-]+")) return "-";
    return Secrets.hash(token);
  }

  private static String checkedEmail(String field, String raw) {
    String email = AccountService.normalizeEmail(raw);
    if (email.isEmpty()) throw Problem.invalid(field, "'" + field + "' is required.");
    if (email.length() > 320 || !EMAIL.matcher(email).matches()) throw Problem.invalid(field, "'" + field + "' must be an email address.");
    return email;
  }
}
