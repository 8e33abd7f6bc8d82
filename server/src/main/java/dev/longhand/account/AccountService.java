package dev.longhand.account;

import dev.longhand.config.Config;
import dev.longhand.http.Authenticator;
import dev.longhand.http.Problem;
import dev.longhand.http.Viewer;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.time.WorkingRange;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts: signing up and in, sessions, API tokens, and each person's time zone and working hours. */
public final class AccountService implements Authenticator {
  static final Duration SESSION_LIFETIME = Duration.ofDays(30);
  /** Until a person says otherwise: Monday to Friday, 09:00-17:00 in their zone. */
  static final List<WorkingRange> DEFAULT_WEEK = java.util.stream.Stream.of(
          java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY, java.time.DayOfWeek.WEDNESDAY,
          java.time.DayOfWeek.THURSDAY, java.time.DayOfWeek.FRIDAY)
      .map(d -> new WorkingRange(d, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0)))
      .toList();
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final AccountStore store = new AccountStore();
  private final TokenCache tokenCache = new TokenCache();
  private final Passwords passwords;
  private final SignInThrottle throttle;
  private final WorkingTimeChanges changes;
  private final boolean passwordsOn;
  /** The hash of accounts made by single sign-on: of a random secret nobody knows, made once when first needed. */
  private volatile String noPassword;

  /** With production password hashing. */
  public AccountService(Database db, Ids ids, Clock clock) {
    this(db, ids, clock, Config.PasswordCost.OWASP);
  }

  public AccountService(Database db, Ids ids, Clock clock, Config.PasswordCost passwordCost) {
    this(db, ids, clock, passwordCost, WorkingTimeChanges.NONE);
  }

  /** {@code changes} hears of every change of someone's zone or hours, in its transaction. */
  public AccountService(Database db, Ids ids, Clock clock, Config.PasswordCost passwordCost, WorkingTimeChanges changes) {
    this(db, ids, clock, passwordCost, changes, true);
  }

  /** {@code passwordsOn} false ({@code LONGHAND_PASSWORDS=off}): no password signs in, up, or is changed or reset. */
  public AccountService(Database db, Ids ids, Clock clock, Config.PasswordCost passwordCost, WorkingTimeChanges changes, boolean passwordsOn) {
    this.passwordsOn = passwordsOn;
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.changes = changes;
    this.passwords = Passwords.withCost(passwordCost);
    this.throttle = new SignInThrottle(db, ids, clock, store);
    db.link().listen(TOKENS_CHANGED, payload -> tokenCache.invalidate()); // another node revoked or changed a token
  }

  /** The channel on which a node tells the others that what some API token stands for changed (see {@link #tokensChanged}). */
  static final String TOKENS_CHANGED = "longhand_tokens";

  /** A new account; {@code timeZone} may be blank (UTC), e.g. when the browser could not tell. */
  public record SignUp(String email, String name, String password, String timeZone) {
    public SignUp(String email, String name, String password) {
      this(email, name, password, "");
    }
  }

  public Account signUp(SignUp cmd) {
    refuseWithoutPasswords();
    String email = normalizeEmail(cmd.email());
    if (!EMAIL.matcher(email).matches()) throw Problem.invalid("email", "'email' must be an email address.");
    checkNewPassword("password", cmd.password());
    ZoneId zone = cmd.timeZone() == null || cmd.timeZone().isBlank() ? ZoneId.of("UTC") : zoneOf(cmd.timeZone().strip());
    String hash = passwords.hash(cmd.password()); // slow on purpose: outside the transaction
    // On PostgreSQL two sign-ups (on one node or two) can both find an email or a handle free and both insert it: the
    // second insert breaks a unique key. Run again, it sees the first one's row: a taken email is refused (409), a
    // taken handle passes to the next free one. SQLite's one writer never gets here.
    for (int attempt = 1; ; attempt++) {
      try {
        return db.write(h -> {
          if (store.emailTaken(h, email)) throw Problem.conflict("email", "An account with this email already exists.");
          String handle = freeHandle(h, cmd.name(), email);
          Account account = new Account(ids.next(), email, cmd.name(), handle, zone, clock.millis());
          store.insert(h, account, hash);
          store.replaceSchedule(h, account.id(), zone, DEFAULT_WEEK);
          return account;
        });
      } catch (RuntimeException e) {
        if (attempt == SIGN_UP_ATTEMPTS || !breaksUniqueKey(e)) throw e;
        // Those who lost a race all try the same next handle: a few milliseconds apart at random, one wins each turn
        // and the others see its row (with five turns and no wait, the sixth of ten namesakes at once got a 500).
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2 + 4L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static final int SIGN_UP_ATTEMPTS = 20;

  /** Whether a write failed on a unique key someone else committed first (SQLSTATE 23505, unique_violation). */
  static boolean breaksUniqueKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) return true;
    }
    return false;
  }

  /** Checks a password, throttled per (account, address) and per address (see {@link SignInThrottle}); returns the account. */
  public Account checkPassword(String rawEmail, String password, String address) {
    return checkPassword(rawEmail, password, address, "password", "That email and password do not match an account.");
  }

  /** The same check, refusing with the caller's field and words (one's current password, on the profile page). */
  Account checkPassword(String rawEmail, String password, String address, String field, String refusal) {
    refuseWithoutPasswords();
    String email = normalizeEmail(rawEmail);
    throttle.reserve(email, address); // counted as a failure before the slow hash, so concurrent guesses cannot pass the limit
    Optional<AccountStore.Credentials> found = db.read(h -> store.credentials(h, email));
    boolean ok;
    if (found.isPresent()) {
      ok = passwords.matches(password, found.get().passwordHash());
    } else {
      passwords.spendTimeAsIfChecking(password);
      ok = false;
    }
    if (!ok) throw Problem.invalid(field, refusal);
    throttle.succeeded(email, address);
    return found.get().account();
  }

  /** Starts a browser session; returns the secret for the cookie. */
  public String startSession(long accountId) {
    String token = Secrets.newSecret("s_");
    long now = clock.millis();
    db.writeAll(h -> store.insertSession(h, Secrets.hash(token), accountId, now, now + SESSION_LIFETIME.toMillis()));
    return token;
  }

  public void endSession(String token) {
    db.writeAll(h -> store.deleteSession(h, Secrets.hash(token)));
  }

  public record IssuedToken(long id, String token) {}

  public IssuedToken issueToken(long accountId, String label) {
    String token = Secrets.newSecret("lh_");
    long id = ids.next();
    db.writeAll(h -> store.insertToken(h, id, accountId, Secrets.hash(token), label, clock.millis()));
    return new IssuedToken(id, token);
  }

  public List<ApiToken> tokens(long accountId) {
    return db.read(h -> store.tokens(h, accountId));
  }

  public void revokeToken(long accountId, long tokenId) {
    int changed = db.write(h -> store.revokeToken(h, accountId, tokenId, clock.millis()));
    tokensChanged();
    if (changed == 0) throw Problem.notFound("token");
  }

  public Account.WithSchedule account(long accountId) {
    return db.read(h -> new Account.WithSchedule(
        store.byId(h, accountId).orElseThrow(() -> Problem.notFound("account")),
        store.workingHours(h, accountId)));
  }

  /** Several accounts with their working hours, for showing local times beside names. */
  public Optional<Account> find(long accountId) {
    return db.read(h -> store.byId(h, accountId));
  }

  public record Schedule(String timeZone, List<WorkingRange> workingHours) {}

  public Account.WithSchedule updateSchedule(long accountId, Schedule schedule) {
    ZoneId zone = zoneOf(schedule.timeZone());
    List<WorkingRange> ranges = new ArrayList<>(schedule.workingHours());
    ranges.sort(Comparator.comparing(WorkingRange::day).thenComparing(WorkingRange::start));
    checkNoOverlap(ranges);
    db.writeAll(h -> {
      store.replaceSchedule(h, accountId, zone, ranges);
      changes.changed(h, accountId); // held notifications and the next digest follow the new hours
    });
    tokensChanged(); // a token's viewer carries the zone
    return account(accountId);
  }

  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 200;

  /** A new password's rules, naming the field it came in. */
  static void checkNewPassword(String field, String password) {
    if (password == null || password.isEmpty()) throw Problem.invalid(field, "'" + field + "' is required.");
    if (password.length() < MIN_PASSWORD) throw Problem.invalid(field, "'" + field + "' must be at least " + MIN_PASSWORD + " characters.");
    if (password.length() > MAX_PASSWORD) throw Problem.invalid(field, "'" + field + "' must be at most " + MAX_PASSWORD + " characters.");
  }

  /** A new display name: 1 to 100 characters once trimmed. */
  public Account.WithSchedule rename(long accountId, String rawName) {
    String name = rawName == null ? "" : rawName.strip();
    if (name.isEmpty()) throw Problem.invalid("name", "'name' is required.");
    if (name.codePointCount(0, name.length()) > 100) throw Problem.invalid("name", "'name' must be at most 100 characters.");
    if (name.codePoints().anyMatch(Character::isISOControl)) throw Problem.invalid("name", "'name' must not contain control characters.");
    db.writeAll(h -> store.rename(h, accountId, name));
    tokensChanged(); // a token's viewer carries the name
    return account(accountId);
  }

  /** What changing one's password ended, for the page to say and to offer revoking tokens. */
  public record PasswordChanged(int sessionsEnded, int activeTokens) {}

  /**
   * Changes the password when the current one is right (throttled like signing in), and ends every other session:
   * whoever signed in with the old password elsewhere is signed out. {@code keepSession} is the session making the
   * change (null when it comes with an API token: then every session ends). API tokens stay; the page offers to
   * revoke them.
   */
  public PasswordChanged changePassword(long accountId, String current, String next, String keepSession, String address) {
    if (current == null || current.isEmpty()) throw Problem.invalid("currentPassword", "'currentPassword' is required.");
    refuseWithoutPasswords();
    checkNewPassword("newPassword", next);
    Account a = account(accountId).account();
    checkPassword(a.email(), current, address, "currentPassword", "That is not your current password.");
    String newHash = passwords.hash(next);
    String keep = keepSession == null ? null : Secrets.hash(keepSession);
    int ended = db.write(h -> {
      store.setPassword(h, accountId, newHash);
      return store.deleteSessions(h, accountId, keep);
    });
    int active = (int) tokens(accountId).stream().filter(ApiToken::active).count();
    return new PasswordChanged(ended, active);
  }

  /** "Sign out everywhere": ends every session of the account, or every other one when {@code keepSession} is given. */
  public int endSessions(long accountId, String keepSession) {
    String keep = keepSession == null ? null : Secrets.hash(keepSession);
    return db.write(h -> store.deleteSessions(h, accountId, keep));
  }

  /** Revokes every API token of the account at once; refused from the moment this returns. */
  public int revokeAllTokens(long accountId) {
    int revoked = db.write(h -> store.revokeAllTokens(h, accountId, clock.millis()));
    tokensChanged();
    return revoked;
  }

  /** Stores the upload as the account's picture: sniffed, checked, cropped to a square and re-encoded. */
  public long setAvatar(long accountId, byte[] upload) {
    byte[] png = Avatars.squarePng(upload);
    long now = clock.millis();
    db.writeAll(h -> store.putAvatar(h, accountId, png, now));
    return now;
  }

  /** Back to initials. */
  public void removeAvatar(long accountId) {
    db.writeAll(h -> store.deleteAvatar(h, accountId));
  }

  /** A picture to send: the uploaded PNG, or initials as SVG; {@code version} changes whenever it does. */
  public record AvatarImage(byte[] bytes, String contentType, String version) {}

  /**
   * Someone's picture, for a person who shares a workspace with them (or is them); anyone else, and an unknown id,
   * gets "not found".
   */
  public AvatarImage avatar(long viewerId, long accountId) {
    return db.read(h -> {
      if (!store.shareAWorkspace(h, viewerId, accountId)) throw Problem.notFound("person");
      Account a = store.byId(h, accountId).orElseThrow(() -> Problem.notFound("person"));
      return store.avatar(h, accountId)
          .map(s -> new AvatarImage(s.png(), "image/png", "p" + s.updatedAt()))
          .orElseGet(() -> {
            byte[] svg = Avatars.initialsSvg(accountId, a.name());
            return new AvatarImage(svg, "image/svg+xml", "i" + Integer.toHexString(java.util.Arrays.hashCode(svg)));
          });
    });
  }

  /** The address of one's own picture, changing with it (so one's own pages show a new one at once). */
  public String avatarUrl(long accountId) {
    return "/avatars/" + accountId + db.read(h -> store.avatarVersion(h, accountId)).map(v -> "?v=" + v).orElse("");
  }

  /** Whether passwords sign in here ({@code LONGHAND_PASSWORDS}); off, pages hide every password form. */
  public boolean passwordsOn() {
    return passwordsOn;
  }

  /** Refuses anything done with a password while passwords are off (403). */
  void refuseWithoutPasswords() {
    if (!passwordsOn) {
      throw Problem.forbidden("Passwords are turned off on this server: sign in with single sign-on.");
    }
  }

  // ---- single sign-on (the sso package links identities to accounts, in its own transactions) ----

  /** The account with this email (compared lower-cased), in the caller's transaction. */
  public Optional<Account> byEmail(org.jdbi.v3.core.Handle h, String email) {
    return store.credentials(h, normalizeEmail(email)).map(AccountStore.Credentials::account);
  }

  /** The account with this id, in the caller's transaction. */
  public Optional<Account> byId(org.jdbi.v3.core.Handle h, long accountId) {
    return store.byId(h, accountId);
  }

  /**
   * A new account for someone a single sign-on provider vouches for, in the caller's transaction: no password of
   * theirs (the hash is of a secret nobody knows; "forgot password" can give them one while passwords are on), UTC
   * and the usual working week until they say otherwise. Call {@link #prepareAccountWithoutPassword} first, outside
   * the transaction.
   */
  public Account signUpWithoutPassword(org.jdbi.v3.core.Handle h, String rawEmail, String name) {
    String email = normalizeEmail(rawEmail);
    if (!EMAIL.matcher(email).matches() || email.length() > 320) throw Problem.invalid("email", "'email' must be an email address.");
    if (store.emailTaken(h, email)) throw Problem.conflict("email", "An account with this email already exists.");
    String cleanName = name == null ? "" : name.strip();
    if (cleanName.isEmpty() || cleanName.codePoints().anyMatch(Character::isISOControl)) cleanName = email.substring(0, email.indexOf('@'));
    if (cleanName.length() > 100) cleanName = cleanName.substring(0, 100);
    Account account = new Account(ids.next(), email, cleanName, freeHandle(h, cleanName, email), ZoneId.of("UTC"), clock.millis());
    store.insert(h, account, noPassword == null ? prepareAccountWithoutPassword() : noPassword);
    store.replaceSchedule(h, account.id(), account.zone(), DEFAULT_WEEK);
    return account;
  }

  /** Makes the slow hash accounts without a password share, once, so that no transaction waits for it. */
  public String prepareAccountWithoutPassword() {
    String hash = noPassword;
    if (hash == null) {
      hash = passwords.hash(Secrets.newSecret("none_") + Secrets.newSecret(""));
      noPassword = hash;
    }
    return hash;
  }

  // What AccountRecovery (same package) shares: the store, hashing and the token cache.
  AccountStore store() {
    return store;
  }

  Passwords passwords() {
    return passwords;
  }

  /** How long a change to tokens waits for the other nodes to say they forgot theirs. */
  static final java.time.Duration TOKENS_CONFIRMED_WITHIN = java.time.Duration.ofSeconds(2);

  /**
   * After a write that changes what some token stands for has committed: every node forgets its cached tokens before
   * this returns, this one at once and the others when they hear it (within milliseconds), so a revoked token is
   * refused everywhere from the moment the revocation is answered. A node that does not confirm within
   * {@link #TOKENS_CONFIRMED_WITHIN} (it died, or lost its line to the database), or a telling that fails, is still
   * bounded by its cache's time limit, {@link TokenCache#TTL_MILLIS}.
   */
  void tokensChanged() {
    try {
      db.link().tellEveryNode(TOKENS_CHANGED, "", TOKENS_CONFIRMED_WITHIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tokenCache.invalidate();
    } catch (RuntimeException e) {
      tokenCache.invalidate();
      org.slf4j.LoggerFactory.getLogger(AccountService.class).warn("could not tell the other nodes that tokens changed; they forget theirs within {} ms",
          TokenCache.TTL_MILLIS, e);
    }
  }

  @Override
  public Optional<Viewer> bySessionToken(String token) {
    return db.read(h -> store.bySession(h, Secrets.hash(token), clock.millis())).map(a -> viewer(a, true));
  }

  @Override
  public Optional<Viewer> byApiToken(String token) {
    String hash = Secrets.hash(token);
    return tokenCache.get(hash, clock.millis(), () -> db.read(h -> store.byApiToken(h, hash)).map(a -> viewer(a, false)));
  }

  private static Viewer viewer(Account a, boolean bySession) {
    return new Viewer(a.id(), a.name(), a.handle(), a.email(), a.zone(), bySession);
  }

  static ZoneId zoneOf(String id) {
    if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
      throw Problem.invalid("timeZone", "'timeZone' must be an IANA time zone such as Europe/Lisbon, not '" + id + "'.");
    }
    return ZoneId.of(id);
  }

  private static void checkNoOverlap(List<WorkingRange> sorted) {
    for (int i = 1; i < sorted.size(); i++) {
      WorkingRange a = sorted.get(i - 1);
      WorkingRange b = sorted.get(i);
      if (a.day() == b.day() && (a.crossesMidnight() || b.start().isBefore(a.end()))) {
        throw Problem.invalid("workingHours", "Working hours on " + a.day() + " overlap: "
            + a.start() + "-" + a.end() + " and " + b.start() + "-" + b.end() + ".");
      }
    }
  }

  private String freeHandle(org.jdbi.v3.core.Handle h, String name, String email) {
    String base = name.toLowerCase(Locale.ROOT).split("\\s+")[0].replaceAll("[^a-z0-9]", "");
    if (base.isEmpty()) base = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (base.isEmpty()) base = "person";
    if (base.length() > 30) base = base.substring(0, 30);
    return store.freeHandle(h, base);
  }

  static String normalizeEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}
