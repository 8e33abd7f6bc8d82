package dev.longhand.thread;

import dev.longhand.notify.DigestSource;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The thread sections of a digest: new threads in spaces one reads, and replies to threads one follows. */
public final class ThreadDigests {
  private ThreadDigests() {}

  private static final ThreadDigestStore store = new ThreadDigestStore();

  public static DigestSource newThreads() {
    return new DigestSource() {
      @Override
      public String heading() {
        return "New threads";
      }

      @Override
      public List<Line> linesFor(Handle h, long me, Instant since, Instant now) {
        return store.newThreads(h, me, since.toEpochMilli(), now.toEpochMilli()).stream()
            .map(t -> new Line("“" + t.title() + "” by " + t.author() + " in " + t.space(), "/threads/" + t.id()))
            .toList();
      }
    };
  }

  /** Threads one started, replied to or was mentioned in. */
  public static DigestSource repliesToFollowedThreads() {
    return new DigestSource() {
      @Override
      public String heading() {
        return "Replies to threads you follow";
      }

      @Override
      public List<Line> linesFor(Handle h, long me, Instant since, Instant now) {
        return store.repliesToFollowedThreads(h, me, since.toEpochMilli(), now.toEpochMilli()).stream()
            .map(t -> new Line("“" + t.title() + "”: " + t.replies() + (t.replies() == 1 ? " new reply" : " new replies"),
                "/threads/" + t.id()))
            .toList();
      }
    };
  }
}
