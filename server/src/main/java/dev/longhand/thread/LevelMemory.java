package dev.longhand.thread;

import dev.longhand.store.VersionedMemory;
import java.util.List;

/**
 * The follow and mute levels that bear on the threads posted to lately (their space's rows and their own), by the
 * space's readers version they were read at ({@link Subscriptions.Levels#readAt}). Every change of a level counts a
 * version of the space (of the thread's space, for a thread's level), and so does moving a thread into a space, so
 * rows read at the version a post reads with the thread are the rows still.
 */
final class LevelMemory extends VersionedMemory<LevelMemory.Place, List<SubscriptionStore.Row>> {
  /** A thread in its space; thread 0 is a new one, which only the space's rows bear on. */
  record Place(long spaceId, long threadId) {}

  LevelMemory() {
    super(4096);
  }
}
