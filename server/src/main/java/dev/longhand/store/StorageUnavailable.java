package dev.longhand.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The database cannot keep writes now: SQLite's log could not be synced, after which the writer takes no write until
 * the server restarts (as PostgreSQL stops after a failed fsync). The web layer answers it with 503.
 */
public final class StorageUnavailable extends RuntimeException {
  public StorageUnavailable(String message) {
    super(message, null, false, false);
  }

  /**
   * Whether a failure is the database being out of reach rather than a fault of the request or of Longhand: no
   * connection to be had within the pool's wait (PostgreSQL down, restarting, or failing over to a standby), or a
   * connection lost under the statement (SQLState class 08, or 57P01-57P03: PostgreSQL shutting down or starting).
   * The web layer answers it with 503 and {@code Retry-After}, as the wait is usually seconds.
   */
  public static boolean databaseOutOfReach(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) return true;
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) return true;
      }
    }
    return false;
  }
}
