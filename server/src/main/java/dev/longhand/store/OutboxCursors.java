package dev.longhand.store;

/**
 * The outbox's positions and the durable consumers' cursors, for tools and for consumers that rebuild their state from
 * the tables (a search reindex): read and moved here, while {@link OutboxDispatcher} runs the consumers.
 */
public final class OutboxCursors {
  private OutboxCursors() {}

  /** The id of the newest event in the outbox, or 0 when it is empty. */
  public static long newestEventId(Database db) {
    return db.read(OutboxStore::newestId);
  }

  /**
   * A cursor position that every event committed so far is at or below, and that no event committed later will be
   * (with PostgreSQL, just below the oldest transaction still open): where a consumer whose state was just rebuilt
   * from the tables goes on from, given it took this before reading them.
   */
  public static long finishedPosition(Database db) {
    return db.read(h -> OutboxStore.finishedPosition(h, db.dialect() == Database.Dialect.POSTGRESQL));
  }

  /**
   * Moves a durable consumer's cursor, for tools that rebuild a consumer's state from the tables
   * (a search reindex); only while that consumer is not running.
   */
  public static void moveCursor(Database db, String consumer, long position) {
    db.write(h -> OutboxStore.moveCursor(h, consumer, position));
  }

  /** Deletes a cursor that nothing follows any more (a search index that was rebuilt under a new name). */
  public static void forgetCursor(Database db, String consumer) {
    db.write(h -> OutboxStore.forgetCursor(h, consumer));
  }
}
