package dev.longhand.due;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A handler that reads what it needs (a digest: a dozen queries, then its text) before it writes. {@link #prepare}
 * reads what a batch's items of its kind share, once for them all (their settings, say); {@link #compose} reads
 * and makes one item's part; {@link #apply} writes it. On SQLite preparing and composing run on a reader beside the
 * one writer, a batch ahead of the writes, and {@code apply} runs only if the item is still there (not cancelled
 * or run meanwhile): what was composed may be a moment old. On PostgreSQL all three run in the claiming
 * transaction. A {@code prepare} that throws fails the batch's items of its kind; a {@code compose} that throws,
 * its item alone.
 */
public interface ComposingHandler<B, T> extends DueWork.Handler {
  default B prepare(Handle h, List<DueWork.Item> items, Instant now) {
    return null;
  }

  T compose(Handle h, DueWork.Item item, B prepared, Instant now);

  void apply(Handle h, DueWork.Item item, T composed, Instant now);

  @Override
  default void run(Handle h, DueWork.Item item, Instant now) {
    apply(h, item, compose(h, item, prepare(h, List.of(item), now), now), now);
  }
}
