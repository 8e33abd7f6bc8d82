package dev.longhand.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.longhand.config.Config.PasswordCost;
import dev.longhand.http.Problem;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Password hashing with argon2id, at OWASP's recommended cost (19 MiB, 2 passes) unless a test
 * asks for less. A hash is a PHC string that names its own cost, so hashes of any cost verify.
 *
 * <p>Each hash takes its memory and a core for tens of milliseconds, so at most {@code atOnce}
 * run together (one per core by default); the rest wait in line, and one that waits longer than
 * {@code patience} is answered 503 with Retry-After instead of piling up memory and threads.
 */
final class Passwords {
  static final int HASH_BYTES = 32;
  static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Argon2Function argon2id;
  private final Semaphore slots;
  private final Duration patience;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  /**
   * Checked against when the account does not exist, so a wrong email costs as much time as a wrong password: a PHC
   * string of this cost whose salt and digest are random bytes, which no password matches, and checking against which
   * takes exactly as long as against a real hash. Written, not hashed: hashing it took a tenth of the start-up's time
   * on the start's path, and on a thread of its own still 130 ms of a first start's 1.56 s on two cores
   * ({@code ./longhand bench start}, 2026-12-06).
   */
  private final String decoy;

  Passwords(PasswordCost cost, int atOnce, Duration patience) {
    this.argon2id = Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES, Argon2.ID);
    this.slots = new Semaphore(atOnce, true);
    this.patience = patience;
    this.decoy = decoyOf(argon2id);
  }

  /** One hash at a time per core, waiting at most 10 seconds for a turn. */
  static Passwords withCost(PasswordCost cost) {
    return new Passwords(cost, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10));
  }

  String hash(String password) {
    return inTurn(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2id).getResult());
  }

  boolean matches(String password, String hash) {
    return inTurn(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)));
  }

  void spendTimeAsIfChecking(String password) {
    matches(password, decoy());
  }

  /** The hash a missing account is checked against; for tests of its cost. */
  String decoy() {
    return decoy;
  }

  /** A PHC string of {@code f}'s variant, version and cost, as its hashes are written, with random salt and digest. */
  private static String decoyOf(Argon2Function f) {
    return "$argon2" + f.getVariant().name().toLowerCase(java.util.Locale.ROOT) + "$v=" + f.getVersion()
        + "$m=" + f.getMemory() + ",t=" + f.getIterations() + ",p=" + f.getParallelism()
        + "$" + randomBase64(SALT_BYTES) + "$" + randomBase64(f.getOutputLength());
  }

  private static String randomBase64(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getEncoder().withoutPadding().encodeToString(random);
  }

  /** The most hashes that ever ran at the same moment; for tests. */
  int mostAtOnce() {
    return mostAtOnce.get();
  }

  /** Runs {@code work} in one of the slots, waiting at most {@code patience} for one. */
  <T> T inTurn(Supplier<T> work) {
    boolean got;
    try {
      got = slots.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      got = false;
    }
    if (!got) throw Problem.busy("Too many sign-ins at once. Try again in a few seconds.", Duration.ofSeconds(5));
    try {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      return work.get();
    } finally {
      running.decrementAndGet();
      slots.release();
    }
  }
}
