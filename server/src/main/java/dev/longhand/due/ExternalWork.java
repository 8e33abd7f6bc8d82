package dev.longhand.due;

import dev.longhand.due.DueWork.ExternalHandler;
import dev.longhand.due.DueWork.Item;
import dev.longhand.due.DueWork.Unavailable;
import dev.longhand.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Due work that waits on the outside world ({@link ExternalHandler}: sending mail, delivering webhooks), run by a
 * loop of its own kind by kind, outside any transaction: a batch is leased (due {@link DueWork#LEASE} later) and
 * committed, each item runs, and a second short write deletes its row or backs it off. A kind whose service is
 * {@link Unavailable} is left be until its retry, its leased items waiting untried.
 */
final class ExternalWork {
  private static final Logger log = LoggerFactory.getLogger(ExternalWork.class);

  /** How a failed item is backed off: {@link DueWork}'s, shared with the work in the database. */
  @FunctionalInterface
  interface Failed {
    void failed(Handle h, Item item, Instant now, String error);
  }

  private final DueWorkStore store = new DueWorkStore();
  private final Database db;
  private final Clock clock;
  private final Failed failed;
  private final Map<String, ExternalHandler> externals = new ConcurrentHashMap<>();
  /** Kinds whose service was {@link Unavailable}, and until when this node leaves them be. */
  private final Map<String, Instant> unavailableUntil = new ConcurrentHashMap<>();

  ExternalWork(Database db, Clock clock, Failed failed) {
    this.db = db;
    this.clock = clock;
    this.failed = failed;
  }

  void register(String kind, ExternalHandler handler) {
    externals.put(kind, handler);
  }

  boolean has(String kind) {
    return externals.containsKey(kind);
  }

  List<String> kinds() {
    return List.copyOf(externals.keySet());
  }

  /** Leases and runs the due external items, kind by kind, until none is due; returns how many completed. */
  int runDue() {
    int done = 0;
    for (String kind : externals.keySet()) {
      while (true) {
        Instant now = clock.instant();
        if (now.isBefore(unavailableUntil.getOrDefault(kind, Instant.MIN))) break;
        if (!db.read(h -> store.anyDue(h, now.toEpochMilli(), kind))) break;
        List<Item> leased = db.write(h -> lease(h, now, kind));
        if (leased.isEmpty()) break; // held by another node's pass
        int ran = run(leased);
        if (ran < 0) break; // unavailable: the rest waits
        done += ran;
      }
    }
    return done;
  }

  /** Claims a batch of due items of one kind and moves their due time {@link DueWork#LEASE} ahead. */
  private List<Item> lease(Handle h, Instant now, String kind) {
    List<Item> items = store.claim(h, now.toEpochMilli(), DueWork.BATCH, db.dialect() == Database.Dialect.POSTGRESQL, kind);
    if (!items.isEmpty()) store.postpone(h, items.stream().map(Item::id).toList(), now.plus(DueWork.LEASE).toEpochMilli());
    return items;
  }

  /** Runs leased items in turn; how many completed, or -1 when the service they need was unavailable. */
  private int run(List<Item> leased) {
    int done = 0;
    for (int i = 0; i < leased.size(); i++) {
      Item item = leased.get(i);
      try {
        if (run(item)) done++;
      } catch (Unavailable e) {
        Instant retryAt = clock.instant().plus(DueWork.backoff(item.attempts() + 1));
        List<Long> rest = leased.subList(i + 1, leased.size()).stream().map(Item::id).toList();
        db.writeAll(h -> {
          failed.failed(h, item, clock.instant(), DueWork.describe(e.getCause() == null ? e : e.getCause()));
          if (!rest.isEmpty()) store.postpone(h, rest, retryAt.toEpochMilli());
        });
        if (!rest.isEmpty()) log.warn("due work {}: {}; {} more wait until {}", item.kind(), e.getMessage(), rest.size(), retryAt);
        unavailableUntil.put(item.kind(), retryAt); // what is queued meanwhile waits too, here, without a lease each
        return -1;
      }
    }
    return done;
  }

  private boolean run(Item item) throws Unavailable {
    ExternalHandler handler = externals.get(item.kind());
    try {
      handler.run(item, clock.instant());
    } catch (Unavailable e) {
      throw e;
    } catch (Exception | Error e) {
      if (e instanceof VirtualMachineError vme) throw vme;
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      String error = DueWork.describe(e);
      db.writeAll(h -> failed.failed(h, item, clock.instant(), error));
      return false;
    }
    db.writeAll(h -> store.delete(h, item.id()));
    return true;
  }
}
