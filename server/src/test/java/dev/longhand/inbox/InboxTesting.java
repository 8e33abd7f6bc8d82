package dev.longhand.inbox;

import org.jdbi.v3.core.Handle;

/** What tests of other packages need of the inbox's storage: bringing a thread back as a reminder does, now. */
public final class InboxTesting {
  private InboxTesting() {}

  /** Bumps the thread in the person's inbox to {@code at}, as a reminder coming due does. */
  public static void remind(Handle h, long accountId, long threadId, long at) {
    InboxStore store = new InboxStore();
    store.remind(h, accountId, store.place(h, threadId).orElseThrow(), at);
  }
}
