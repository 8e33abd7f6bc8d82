package dev.longhand.webhook;

import dev.longhand.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries, after commit and never inside a write: a thread of its own claims up to {@value #BATCH} rows
 * of {@code webhook_deliveries} whose time has come (leasing them for {@link #LEASE}), starts each send on a virtual
 * thread without waiting for it, and each send records its outcome in a short write. A receiver that hangs holds only
 * its own deliveries (each for at most {@link WebhookClient#EXCHANGE_MILLIS}, at most {@value #PER_WEBHOOK} at once),
 * never a reply, the due-work ticker or the other receivers. A crash
 * mid-send leaves the row leased; it is sent again when the lease runs out (at least once: receivers de-duplicate by
 * {@code webhook-id}).
 *
 * <p>Retries: 1 minute after the first failure, doubling, at most 4 hours apart, for a day from the first try (or from
 * a redelivery); then the delivery is {@code failed}. Any 2xx answer is delivered; every other answer, a redirect
 * included, is a failure.
 *
 * <p>Pruning: every {@link #PRUNE_EVERY} by the clock the same thread deletes delivered and failed deliveries whose
 * last try began more than {@link #KEEP} ago, {@value #PRUNE_BATCH} rows per transaction (SQLite's one writer is
 * never held for long). Pending ones stay, however old.
 */
final class WebhookSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  static final int BATCH = 50;
  /** Sends under way at once, across receivers: a hanging receiver holds one place for at most its exchange time. */
  static final int IN_FLIGHT = 64;
  /** Sends under way at once to one webhook, so one slow receiver cannot take every place. */
  static final int PER_WEBHOOK = 4;
  static final Duration LEASE = Duration.ofMinutes(2);
  static final Duration RETRY_FOR = Duration.ofDays(1);
  private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  private static final Duration LONGEST_RETRY = Duration.ofHours(4);
  /** How long a delivered or failed delivery stays in the log after its last try began. */
  static final Duration KEEP = Duration.ofDays(30);
  static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
  static final int PRUNE_BATCH = 1_000;

  private final Database db;
  private final Clock clock;
  private final WebhookClient client;
  private final WebhookStore store = new WebhookStore();
  private final Map<Long, AtomicInteger> byWebhook = new ConcurrentHashMap<>();
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
  private boolean woken;
  private volatile boolean running;
  private volatile boolean closed;
  private Thread loop;
  private long nextPrune; // by the clock; the first pass prunes

  WebhookSender(Database db, Clock clock, WebhookClient client) {
    this.db = db;
    this.clock = clock;
    this.client = client;
  }

  /** The wait after {@code attempts} failed tries: 1 minute, doubling, at most 4 hours. */
  static Duration backoff(int attempts) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.max(0, Math.min(attempts - 1, 20)));
    return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
  }

  /**
   * Starts sending everything due by the clock now, pass after pass, without waiting for the answers (at most
   * {@value #IN_FLIGHT} at once; past that it waits for a free place); returns how many sends it started.
   */
  int runDue() {
    int started = 0;
    while (!closed) {
      long now = clock.millis();
      if (!db.read(h -> store.anyDue(h, now))) return started;
      int room = Math.max(1, Math.min(BATCH, inFlight.availablePermits()));
      Map<Long, Integer> left = new HashMap<>();
      byWebhook.forEach((hook, n) -> left.put(hook, PER_WEBHOOK - n.get()));
      boolean skipLocked = db.dialect() == Database.Dialect.POSTGRESQL;
      List<Webhook.Send> claimed = db.write(h -> store.claim(h, now, room, left, PER_WEBHOOK, now + LEASE.toMillis(), skipLocked));
      if (claimed.isEmpty()) return started; // held by another node's pass, or by webhooks at their limit: a send ending wakes us
      for (Webhook.Send s : claimed) {
        inFlight.acquireUninterruptibly();
        AtomicInteger mine = byWebhook.computeIfAbsent(s.webhookId(), k -> new AtomicInteger());
        mine.incrementAndGet();
        Thread.ofVirtual().name("webhook-send-" + s.id()).start(() -> {
          try {
            send(s);
          } finally {
            mine.decrementAndGet();
            inFlight.release();
            wake(); // a webhook at its limit may send its next delivery now
          }
        });
        started++;
      }
    }
    return started;
  }

  private void send(Webhook.Send s) {
    try {
      long timestamp = clock.instant().getEpochSecond();
      String id = Long.toString(s.eventId());
      WebhookClient.Outcome outcome = client.post(s.url(), id, timestamp, Signature.sign(s.secret(), id, timestamp, s.body()), s.body());
      record(s, outcome);
    } catch (RuntimeException e) {
      log.error("webhook delivery {} could not be sent or recorded; its lease runs out and it is tried again", s.id(), e);
    }
  }

  private void record(Webhook.Send s, WebhookClient.Outcome outcome) {
    long now = clock.millis();
    int attempts = s.attempts() + 1;
    if (outcome.delivered()) {
      db.writeAll(h -> store.delivered(h, s.id(), attempts, outcome.status(), now));
      return;
    }
    long next = now + backoff(attempts).toMillis();
    Long nextAttempt = next > s.retrySince() + RETRY_FOR.toMillis() ? null : next;
    log.info("webhook {} delivery {} attempt {} failed ({}); {}", s.webhookId(), s.id(), attempts, outcome.error(),
        nextAttempt == null ? "giving up after a day of retries" : "retrying at " + java.time.Instant.ofEpochMilli(next));
    db.writeAll(h -> store.attemptFailed(h, s.id(), attempts, outcome.status(), outcome.error(), nextAttempt));
  }

  /** Deletes delivered and failed deliveries older than {@link #KEEP}, in batches; returns how many. */
  long prune() {
    long before = clock.millis() - KEEP.toMillis();
    long deleted = 0;
    while (!closed) {
      int n = db.write(h -> store.pruneFinished(h, before, PRUNE_BATCH));
      deleted += n;
      if (n < PRUNE_BATCH) break;
    }
    return deleted;
  }

  private void pruneWhenDue() {
    long now = clock.millis();
    if (now < nextPrune) return;
    nextPrune = now + PRUNE_EVERY.toMillis();
    long deleted = prune();
    if (deleted > 0) log.info("pruned {} webhook deliveries older than {}", deleted, KEEP);
  }

  /** Starts the sending thread: about once a second, and whenever {@link #wake} is called. */
  synchronized void start() {
    if (loop != null) return;
    running = true;
    loop = Thread.ofVirtual().name("webhook-sender").start(this::tick);
  }

  /** Looks for due deliveries now (new ones committed, a redelivery). */
  void wake() {
    lock.lock();
    try {
      woken = true;
      signal.signal();
    } finally {
      lock.unlock();
    }
  }

  private void tick() {
    while (running) {
      try {
        runDue();
      } catch (RuntimeException e) {
        if (running) log.error("sending webhooks failed; trying again in a second", e);
      }
      try {
        pruneWhenDue();
      } catch (RuntimeException e) {
        if (running) log.warn("could not prune webhook deliveries; trying again in {}", PRUNE_EVERY, e);
      }
      lock.lock();
      try {
        if (!woken && running) signal.await(1, TimeUnit.SECONDS);
        woken = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      closed = true;
      t = loop;
      loop = null;
    }
    if (t != null) {
      wake();
      try {
        if (!t.join(Duration.ofSeconds(5))) t.interrupt();
        // the sends under way finish (each within its exchange time) before the client and the database close
        if (inFlight.tryAcquire(IN_FLIGHT, WebhookClient.EXCHANGE_MILLIS + 5_000, TimeUnit.MILLISECONDS)) inFlight.release(IN_FLIGHT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    client.close();
  }
}
