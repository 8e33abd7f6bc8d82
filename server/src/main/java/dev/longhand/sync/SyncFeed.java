package dev.longhand.sync;

import dev.longhand.calendar.FeedEvents;
import dev.longhand.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** A person's scheduled sync sessions in their calendar feed, with the invite's UID and SEQUENCE. */
public final class SyncFeed implements FeedEvents {
  private final Database db;
  private final Supplier<String> baseUrl;
  private final SyncSessionStore store = new SyncSessionStore();

  public SyncFeed(Database db, Supplier<String> baseUrl) {
    this.db = db;
    this.baseUrl = baseUrl;
  }

  @Override
  public List<Event> events(long accountId, Instant from, Instant to) {
    return db.read(h -> store.scheduledFor(h, accountId, from.toEpochMilli(), to.toEpochMilli())).stream()
        .map(s -> new Event(s.uid(), Instant.ofEpochMilli(s.startAt()), Instant.ofEpochMilli(s.endAt()), SyncInvites.summary(s),
            s.callLink().isEmpty() ? "" : "Call: " + s.callLink(), baseUrl.get() + s.path(), s.sequence()))
        .toList();
  }
}
