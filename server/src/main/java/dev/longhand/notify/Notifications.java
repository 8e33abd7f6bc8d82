package dev.longhand.notify;

import org.jdbi.v3.core.Handle;

/** Hands notices to people by their delivery policy: now, held until their day starts, or into their next digest. */
public interface Notifications {
  /** Records the notice in the caller's transaction and delivers or holds it; returns the notification's id. */
  long notify(Handle h, Notice notice);
}
