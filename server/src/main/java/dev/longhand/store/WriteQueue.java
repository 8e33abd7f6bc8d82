package dev.longhand.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The writes waiting for a writer thread ({@link GroupCommitWriter}, {@link BatchWriter}) to take them, which refuses
 * writes once that thread has stopped: a write queued after the thread's last look at the queue would otherwise wait
 * for an answer no one gives.
 */
final class WriteQueue<J> {
  private final LinkedBlockingQueue<J> queue = new LinkedBlockingQueue<>();
  /** Set as the taker stops, before its last look at the queue, which every job queued before it was set is in. */
  private volatile boolean stopped;

  /** Queues the job for the taker; false, with the job not queued, once the taker has stopped. */
  boolean add(J job) {
    if (stopped) return false;
    queue.add(job);
    // Queued after the taker's last look: take it back. Not found: that look took it, and answers it.
    return !(stopped && queue.remove(job));
  }

  /** The taker's next job, waiting for one. */
  J take() throws InterruptedException {
    return queue.take();
  }

  /** Moves up to {@code max} more waiting jobs into {@code batch}. */
  void drainTo(Collection<? super J> batch, int max) {
    queue.drainTo(batch, max);
  }

  int size() {
    return queue.size();
  }

  /** For the taker as it stops: the jobs still waiting, for it to refuse; later ones are refused by {@link #add}. */
  List<J> stop() {
    stopped = true;
    List<J> left = new ArrayList<>();
    queue.drainTo(left);
    return left;
  }
}
