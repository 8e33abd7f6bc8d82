package dev.longhand.store;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node number this process makes ids with ({@link Ids}' 10 node bits), leased from the database: two processes
 * that share a database (several servers on one PostgreSQL, or a command-line import beside a server) never make
 * ids with the same number, so they never make the same id, and nobody has to configure the numbers.
 *
 * <p>A lease is a row of {@code node_leases}: the number, who holds it and until when. Taking one claims the lowest
 * number that is free or whose lease ran out, in one statement that succeeds for one taker only. The holder renews it
 * every {@link #RENEW_EVERY}; a process that dies leaves it to run out after {@link #TERM}, and one that closes gives
 * it back at once. A holder that finds its lease taken by someone else (it could not renew for a whole term) has lost
 * the right to make ids: {@link Ids} made from this lease then refuse, and the server's readiness says so.
 */
public final class NodeLease implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
  static final Duration TERM = Duration.ofMinutes(2);
  static final Duration RENEW_EVERY = Duration.ofSeconds(20);
  static final int NODES = 1024;

  private final Database db;
  private final Clock clock;
  private final int node;
  private final String holder;
  private volatile boolean lost;
  private Thread renewer;

  private NodeLease(Database db, Clock clock, int node, String holder) {
    this.db = db;
    this.clock = clock;
    this.node = node;
    this.holder = holder;
  }

  /**
   * Takes the lowest node number that is free (no row, or a run-out one); fails when all {@value #NODES} are held. The
   * lowest free number is 0 or follows a held one, so those two places are the only ones to look.
   */
  public static NodeLease take(Database db, Clock clock) {
    String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    for (int attempt = 0; attempt < NODES; attempt++) {
      long now = clock.millis();
      Integer taken = db.write(h -> {
        int candidate = h.createQuery("""
                SELECT COALESCE(MIN(n), -1) FROM (
                  SELECT 0 AS n WHERE NOT EXISTS (SELECT 1 FROM node_leases WHERE node_id = 0 AND expires_at >= :now)
                  UNION ALL
                  SELECT l.node_id + 1 FROM node_leases l
                  WHERE l.node_id + 1 < :nodes
                    AND NOT EXISTS (SELECT 1 FROM node_leases m WHERE m.node_id = l.node_id + 1 AND m.expires_at >= :now)
                ) free""")
            .bind("now", now).bind("nodes", NODES).mapTo(Integer.class).one();
        if (candidate < 0) return -1;
        int claimed = h.createUpdate("""
                INSERT INTO node_leases (node_id, holder, expires_at) VALUES (:node, :holder, :until)
                ON CONFLICT (node_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE node_leases.expires_at < :now""")
            .bind("node", candidate).bind("holder", holder).bind("until", now + TERM.toMillis()).bind("now", now).execute();
        return claimed == 1 ? candidate : null; // null: another taker got it first; look again
      });
      if (taken == null) continue;
      if (taken < 0) throw new IllegalStateException("all " + NODES + " node numbers are leased: too many servers share this database");
      log.info("Making ids as node {} (leased until it closes)", taken);
      return new NodeLease(db, clock, taken, holder);
    }
    throw new IllegalStateException("could not lease a node number: other servers kept taking the free ones");
  }

  public int node() {
    return node;
  }

  /**
   * Who holds the lease: this process's name and a random part, unlike the node number never the same for two
   * processes, even one after the other (exports' claims name their node by it).
   */
  public String holder() {
    return holder;
  }

  /** Ids made as this node; they refuse once the lease is lost. */
  public Ids ids() {
    return new Ids(clock, node, () -> {
      if (lost) throw new StorageUnavailable("this server lost its node lease (node " + node + "); restart it");
    });
  }

  /** Whether the lease is still this process's. */
  public boolean held() {
    return !lost;
  }

  /** Renews the lease every {@link #RENEW_EVERY} on a thread of its own, until closed. */
  public synchronized void start() {
    renewer = Thread.ofVirtual().name("node-lease").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(RENEW_EVERY);
          renew();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.warn("could not renew the lease of node {}; trying again in {}", node, RENEW_EVERY, e);
        }
      }
    });
  }

  /** Extends the lease by a term; marks it lost when another holder has it now. */
  public void renew() {
    int renewed = db.write(h -> h.createUpdate("UPDATE node_leases SET expires_at = ? WHERE node_id = ? AND holder = ?")
        .bind(0, clock.millis() + TERM.toMillis()).bind(1, node).bind(2, holder).execute());
    if (renewed == 0 && !lost) {
      lost = true;
      log.error("the lease of node {} was taken by another server: this one makes no more ids; restart it", node);
    }
  }

  @Override
  public synchronized void close() {
    if (renewer != null) {
      renewer.interrupt();
      try {
        renewer.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      db.write(h -> h.createUpdate("DELETE FROM node_leases WHERE node_id = ? AND holder = ?").bind(0, node).bind(1, holder).execute());
    } catch (RuntimeException e) {
      log.warn("could not give back the lease of node {}; it runs out within {}", node, TERM, e);
    }
  }
}
