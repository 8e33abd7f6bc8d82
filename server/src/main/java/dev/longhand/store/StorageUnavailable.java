package dev.longhand.store;

/**
 * The database cannot keep writes now: SQLite's log could not be synced, after which the writer takes no write until
 * the server restarts (as PostgreSQL stops after a failed fsync). The web layer answers it with 503.
 */
public final class StorageUnavailable extends RuntimeException {
  public StorageUnavailable(String message) {
    super(message, null, false, false);
  }
}
