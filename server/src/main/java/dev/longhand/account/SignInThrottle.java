package dev.longhand.account;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Database.Dialect;
import dev.longhand.store.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many passwords may be tried, counted per (account, address) and per address over the last 15 minutes.
 *
 * <p>A guess is reserved before the slow hash: {@link #reserve} counts and records the attempt as a failure in one
 * step (under a lock per address, whose key both counts contain: in this process, and with several nodes on one
 * PostgreSQL database a transaction lock there too), so however many guesses arrive at once, on whichever nodes, only
 * the allowed number is ever evaluated. A correct password then takes back that address's failures for the account. An
 * attacker therefore locks out only their own address, never the owner signing in from elsewhere; the per-address
 * limit is high enough for an office behind one address, and still ends a spray over many accounts.
 */
final class SignInThrottle {
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int PER_ACCOUNT_AND_ADDRESS = 5;
  static final int PER_ADDRESS = 50;
  private static final int STRIPES = 64;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final AccountStore store;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  SignInThrottle(Database db, Ids ids, Clock clock, AccountStore store) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.store = store;
    for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
  }

  /** Takes one guess for this email from this address, counted as failed until {@link #succeeded}; or 429. */
  void reserve(String email, String address) {
    ReentrantLock lock = stripes[Math.floorMod(address.hashCode(), STRIPES)];
    lock.lock();
    try {
      long now = clock.millis();
      long since = now - WINDOW.toMillis();
      db.writeAll(h -> {
        if (db.dialect() == Dialect.POSTGRESQL) store.lockGuessesFrom(h, address); // other nodes' guesses from it wait
        if (store.failuresFor(h, email, address, since) >= PER_ACCOUNT_AND_ADDRESS
            || store.failuresFrom(h, address, since) >= PER_ADDRESS) {
          throw Problem.tooManyRequests("Too many failed sign-ins. Wait 15 minutes and try again.");
        }
        store.recordFailure(h, ids.next(), email, address, now);
      });
    } finally {
      lock.unlock();
    }
  }

  /** The password was right: this address's failures for this account (the reserved guess among them) are forgotten. */
  void succeeded(String email, String address) {
    db.writeAll(h -> store.clearFailures(h, email, address));
  }
}
