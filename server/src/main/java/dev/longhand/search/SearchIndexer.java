package dev.longhand.search;

import dev.longhand.event.DomainEvent;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxCursors;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with the database. As a durable outbox consumer it hears of
 * changes to anything a {@link SearchSource} indexes, re-reads each owner the events name and
 * replaces its documents, so handing it an event twice changes nothing, and an owner that no
 * longer exists leaves the index. Events are taken in batches gathered for {@link #GATHER_NANOS}
 * (one outbox read, one read per source and one index write per batch rather than per commit).
 * New things become searchable within about {@link #REFRESH_NANOS} plus the gathering under load
 * (each refresh writes a small segment, so not after every batch) and about 0.3 s after the
 * writes stop; the index is committed to disk at the dispatcher's checkpoints (about every 5
 * seconds under load, and when the events stop), always before the cursor is saved: a crash
 * repeats at most the events since the last checkpoint, never loses one.
 */
public final class SearchIndexer implements OutboxConsumer {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
  static final String NAME = "search";
  static final long REFRESH_NANOS = 1_000_000_000L;
  static final long GATHER_NANOS = 100_000_000L;
  private long lastRefresh = System.nanoTime();

  private final Database db;
  private final SearchIndex index;
  private final List<SearchSource> sources;
  /** Event kind to the sources it concerns. */
  private final Map<Class<? extends DomainEvent>, List<SearchSource>> byEvent = new HashMap<>();

  public SearchIndexer(Database db, SearchIndex index, List<SearchSource> sources) {
    this.db = db;
    this.index = index;
    this.sources = List.copyOf(sources);
    Set<String> names = new HashSet<>();
    for (SearchSource source : sources) {
      if (!names.add(source.name())) throw new IllegalArgumentException("two search sources named " + source.name());
      source.events().kinds().forEach(kind -> byEvent.computeIfAbsent(kind, k -> new ArrayList<>()).add(source));
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Each node keeps an index of its own, current from the outbox like the others. */
  @Override
  public Runs runs() {
    return Runs.ON_EVERY_NODE;
  }

  @Override
  public String cursorName() {
    return cursorName(index);
  }

  /** The indexer's cursor belongs to the index it keeps: "search" for one rebuilt before indexes had names. */
  static String cursorName(SearchIndex index) {
    return index.name().isEmpty() ? NAME : NAME + "@" + index.name();
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.copyOf(byEvent.keySet());
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    Map<SearchSource, Set<Long>> owners = new LinkedHashMap<>();
    for (OutboxEvent e : events) {
      for (SearchSource source : byEvent.getOrDefault(e.event().getClass(), List.of())) {
        OptionalLong owner = source.events().owner(e.event());
        if (owner.isPresent()) owners.computeIfAbsent(source, k -> new HashSet<>()).add(owner.getAsLong());
      }
    }
    if (owners.isEmpty()) return;
    Map<String, List<Indexed>> byOwner = new HashMap<>();
    db.read(h -> {
      owners.forEach((source, ids) -> {
        ids.forEach(id -> byOwner.put(key(source, id), new ArrayList<>()));
        source.load(h, ids).forEach(d -> byOwner.computeIfAbsent(key(source, d.owner()), k -> new ArrayList<>()).add(d));
      });
      return null;
    });
    index.write(byOwner);
    if (System.nanoTime() - lastRefresh >= REFRESH_NANOS) {
      index.refresh();
      lastRefresh = System.nanoTime();
    }
  }

  /**
   * Rebuilds the index from every source's tables and moves the indexer's cursor to the newest
   * event, taken before reading the tables: later events are replayed, which is harmless. Run it
   * only while the indexer is not consuming (before the dispatcher starts, or offline).
   */
  public static long rebuild(Database db, SearchIndex index, List<SearchSource> sources) {
    long started = System.nanoTime();
    String before = cursorName(index);
    long newest = OutboxCursors.finishedPosition(db); // every event that commits later comes after it
    long documents = index.rebuild(sink -> db.read(h -> {
      for (SearchSource source : sources) source.each(h, d -> sink.accept(key(source, d.owner()), d));
      return null;
    }));
    OutboxCursors.moveCursor(db, cursorName(index), newest);
    if (!before.equals(cursorName(index))) OutboxCursors.forgetCursor(db, before); // the index it followed is gone
    log.info("Rebuilt the search index: {} documents in {} ms", documents, (System.nanoTime() - started) / 1_000_000);
    return documents;
  }

  /**
   * Indexes these owners of each source now and commits: for writes made offline (an import), which append no
   * events for the indexer to follow; {@code done} hears how many owners each step finished. Run it only while no server uses the index (the caller holds its lock).
   */
  public static void index(Database db, SearchIndex index, List<SearchSource> sources, java.util.Collection<Long> owners,
      java.util.function.IntConsumer done) {
    List<Long> all = List.copyOf(owners);
    for (int from = 0; from < all.size(); from += 500) {
      List<Long> some = all.subList(from, Math.min(all.size(), from + 500));
      Map<String, List<Indexed>> byOwner = new HashMap<>();
      db.read(h -> {
        for (SearchSource source : sources) {
          some.forEach(id -> byOwner.put(key(source, id), new ArrayList<>()));
          source.load(h, some).forEach(d -> byOwner.computeIfAbsent(key(source, d.owner()), k -> new ArrayList<>()).add(d));
        }
        return null;
      });
      index.write(byOwner);
      done.accept(some.size());
    }
    index.commit();
  }

  @Override
  public long gatherNanos() {
    return GATHER_NANOS;
  }

  @Override
  public void checkpoint() {
    index.commit();
    lastRefresh = System.nanoTime();
  }

  private static String key(SearchSource source, long owner) {
    return source.name() + ":" + owner;
  }
}
