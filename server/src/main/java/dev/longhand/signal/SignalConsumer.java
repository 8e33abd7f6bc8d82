package dev.longhand.signal;

import dev.longhand.event.AskCreated;
import dev.longhand.event.AsksDone;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ReplyDeleted;
import dev.longhand.event.ReplyEdited;
import dev.longhand.event.SyncSessionClosed;
import dev.longhand.event.ThreadEdited;
import dev.longhand.event.ThreadPosted;
import dev.longhand.event.ThreadReopened;
import dev.longhand.event.ThreadResolved;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code signals} consumer: computes the signals of every thread a batch of events touched, once per thread, and
 * stores them, in one transaction; a closed sync session then marks its thread's signals answered. Idempotent: a
 * replayed event computes the same signals again.
 */
final class SignalConsumer implements OutboxConsumer {
  private final Database db;
  private final SignalService signals;

  SignalConsumer(Database db, SignalService signals) {
    this.db = db;
    this.signals = signals;
  }

  @Override
  public String name() {
    return "signals";
  }

  /**
   * A thread's signals may lag its posts by half a minute: a suggestion is read on the next page view, not live. A busy
   * thread is computed once per batch, so the longer the gathering, the fewer computations (each reads up to 100 posts):
   * at a fifth of a second, a hundred busy threads took half of a core; at ten seconds, with eight writers a thread, the
   * computations were still the largest cost of the load benchmark after the writes (its run of few writers was found
   * by trying every start for every post, since made one pass).
   */
  @Override
  public long gatherNanos() {
    return 30_000_000_000L;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(ThreadPosted.class, ReplyAdded.class, ReplyEdited.class, ReplyDeleted.class, ThreadEdited.class,
        AskCreated.class, AsksDone.class, ThreadResolved.class, ThreadReopened.class, SyncSessionClosed.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    Set<Long> threads = new LinkedHashSet<>();
    List<Long> newAsks = new ArrayList<>();
    List<Long> doneAsks = new ArrayList<>();
    List<SyncSessionClosed> closed = new ArrayList<>();
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case ThreadPosted x -> threads.add(x.threadId());
        case ReplyAdded x -> threads.add(x.threadId());
        case ReplyEdited x -> threads.add(x.threadId());
        case ReplyDeleted x -> threads.add(x.threadId());
        case ThreadEdited x -> threads.add(x.threadId());
        case ThreadResolved x -> threads.add(x.threadId());
        case ThreadReopened x -> threads.add(x.threadId());
        case AskCreated x -> {
          threads.add(x.threadId());
          newAsks.add(x.askId());
        }
        case AsksDone x -> {
          threads.add(x.threadId());
          doneAsks.addAll(x.askIds());
        }
        case SyncSessionClosed x -> {
          if (x.threadId() != null) {
            threads.add(x.threadId());
            closed.add(x);
          }
        }
        default -> { }
      }
    }
    // Read and computed outside the write (on SQLite the write runs on the one writer every reply waits for), a thread
    // a read: one read for a whole batch held a pooled connection for as long as hundreds of threads took.
    List<SignalService.Computed> computed = new ArrayList<>();
    for (long t : threads) db.read(h -> signals.compute(h, t)).ifPresent(computed::add);
    db.writeAll(h -> {
      for (SignalService.Computed c : computed) signals.save(h, c);
      newAsks.forEach(a -> signals.planAskDue(h, a));
      doneAsks.forEach(a -> signals.askDone(h, a));
      for (SyncSessionClosed c : closed) signals.answered(h, c.threadId(), c.sessionId(), c.closedBy());
    });
  }
}
