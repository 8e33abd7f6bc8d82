package dev.longhand.due;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A claimed batch of due items and, for {@link ComposingHandler}s, what each kind's {@code prepare} read, what each
 * item's {@code compose} made (SQLite: read ahead of the writer; PostgreSQL: composed as each is applied), and
 * failures by item id.
 */
record Batch(List<DueWork.Item> items, Map<String, Object> prepared, Map<Long, Object> composed,
    Map<Long, RuntimeException> failures) {

  /** Where a batch is prepared: on a reader (SQLite), or in the claiming transaction with or without a savepoint. */
  enum Prepare { READ, IN_SAVEPOINT, BARE }

  /** An item failed in a pass run without savepoints: the pass is rolled back, to run again with them. */
  static final class ItemFailed extends RuntimeException {
    ItemFailed(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }

  /**
   * The batch with each composing kind's {@code prepare} done; one that throws fails that kind's items (in a
   * savepoint, undone first), or, run bare, throws {@link ItemFailed} to have the pass run again with savepoints.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Batch prepared(Handle h, Instant now, List<DueWork.Item> items, Map<String, DueWork.Handler> handlers, Prepare where) {
    Batch batch = new Batch(items, new HashMap<>(), new HashMap<>(), new HashMap<>());
    Map<String, List<DueWork.Item>> byKind = new LinkedHashMap<>();
    for (DueWork.Item item : items) {
      if (handlers.get(item.kind()) instanceof ComposingHandler) byKind.computeIfAbsent(item.kind(), k -> new ArrayList<>()).add(item);
    }
    byKind.forEach((kind, ofKind) -> {
      ComposingHandler c = (ComposingHandler) handlers.get(kind);
      if (where == Prepare.IN_SAVEPOINT) h.savepoint("due_prepare");
      try {
        batch.prepared().put(kind, c.prepare(h, ofKind, now));
        if (where == Prepare.IN_SAVEPOINT) h.release("due_prepare");
      } catch (RuntimeException e) {
        if (where == Prepare.BARE) throw new ItemFailed(e);
        if (where == Prepare.IN_SAVEPOINT) h.rollbackToSavepoint("due_prepare");
        for (DueWork.Item item : ofKind) batch.failures().put(item.id(), e);
      }
    });
    return batch;
  }

  /** Composes each item whose handler composes, ahead of its write (SQLite); a compose that throws fails its item. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void composeAll(Handle h, Instant now, Map<String, DueWork.Handler> handlers) {
    for (DueWork.Item item : items) {
      if (!(handlers.get(item.kind()) instanceof ComposingHandler c) || failures.containsKey(item.id())) continue;
      try {
        composed.put(item.id(), c.compose(h, item, prepared.get(item.kind()), now));
      } catch (RuntimeException e) {
        failures.put(item.id(), e);
      }
    }
  }
}
