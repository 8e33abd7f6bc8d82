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
 * The {@code signals} consumer: notes which threads events touched and, once it has caught up with the outbox,
 * computes the signals of each of them once and stores them, in one transaction; a closed sync session then marks its
 * thread's signals answered. The dispatcher hands events over at most 500 at a time, and a busy thread is in nearly
 * every batch: computing per batch read each busy thread's last hundred posts once per few of its replies. Whatever is
 * noted is computed before the cursor is saved ({@link #checkpoint}), so a crash repeats the work and never loses it.
 * Idempotent: a replayed event computes the same signals again.
 */
final class SignalConsumer implements OutboxConsumer {
  private final Database db;
  private final SignalService signals;
  /** Noted since the last checkpoint: the touched threads, in order, and what asks and sessions did, in order. */
  private final Set<Long> threads = new LinkedHashSet<>();
  private final List<DomainEvent> asksAndSessions = new ArrayList<>();

  SignalConsumer(Database db, SignalService signals) {
    this.db = db;
    this.signals = signals;
  }

  @Override
  public String name() {
    return "signals";
  }

  /**
   * A thread's signals may lag its posts by half a minute: a suggestion is read on the next page view, not live. The
   * events of that half minute are noted in a few batches and computed when the consumer has caught up, so a busy
   * thread is computed about once per half minute whatever its replies.
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
          asksAndSessions.add(x);
        }
        case AsksDone x -> {
          threads.add(x.threadId());
          asksAndSessions.add(x);
        }
        case SyncSessionClosed x -> {
          if (x.threadId() != null) {
            threads.add(x.threadId());
            asksAndSessions.add(x);
          }
        }
        default -> { }
      }
    }
  }

  @Override
  public void caughtUp() {
    computeNoted();
  }

  @Override
  public void checkpoint() {
    computeNoted();
  }

  /** Computes and stores what was noted; kept for the next try if that fails. */
  private void computeNoted() {
    if (threads.isEmpty() && asksAndSessions.isEmpty()) return;
    // Read and computed outside the write (on SQLite the write runs on the one writer every reply waits for), a thread
    // a read: one read for a whole batch held a pooled connection for as long as hundreds of threads took.
    List<SignalService.Computed> computed = new ArrayList<>();
    for (long t : threads) db.read(h -> signals.compute(h, t)).ifPresent(computed::add);
    db.writeAll(h -> {
      for (SignalService.Computed c : computed) signals.save(h, c);
      for (DomainEvent e : asksAndSessions) {
        switch (e) {
          case AskCreated x -> signals.planAskDue(h, x.askId());
          case AsksDone x -> x.askIds().forEach(a -> signals.askDone(h, a));
          case SyncSessionClosed x -> signals.answered(h, x.threadId(), x.sessionId(), x.closedBy());
          default -> throw new IllegalStateException("not noted: " + e);
        }
      }
    });
    threads.clear();
    asksAndSessions.clear();
  }
}
