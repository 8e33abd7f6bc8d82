package dev.longhand.thread;

import dev.longhand.draft.Drafts;
import dev.longhand.due.DueWork;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled send: a thread or reply written now and posted at a chosen time, by its author, as if
 * written then (mentions, inbox, notifications and asks all follow from that moment). Access is
 * checked when it is scheduled and again when it is posted; one that can no longer be posted is
 * kept with the reason and shown to its author.
 */
public final class ScheduledPosts {
  private static final Logger log = LoggerFactory.getLogger(ScheduledPosts.class);
  static final String KIND = "publish-post";
  static final Duration LONGEST = Duration.ofDays(366);

  public record Scheduled(long id, long spaceId, long threadId, String title, String body, long sendAt,
      Optional<Long> postedId, Optional<String> failure) {
    public boolean reply() {
      return threadId != 0;
    }

    public boolean pending() {
      return postedId.isEmpty() && failure.isEmpty();
    }
  }

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final DueWork due;
  private final WorkspaceService workspaces;
  private final ThreadService threads;
  private final ScheduledPostStore store = new ScheduledPostStore();

  public ScheduledPosts(Database db, Ids ids, Clock clock, DueWork due, WorkspaceService workspaces, ThreadService threads) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.due = due;
    this.workspaces = workspaces;
    this.threads = threads;
  }

  public Scheduled scheduleThread(long authorId, long spaceId, String title, String body, Instant sendAt) {
    return schedule(authorId, spaceId, 0, title, body, sendAt);
  }

  public Scheduled scheduleReply(long authorId, long threadId, String body, Instant sendAt) {
    long spaceId = threads.access(authorId, threadId).spaceId();
    return schedule(authorId, spaceId, threadId, "", body, sendAt);
  }

  private Scheduled schedule(long authorId, long spaceId, long threadId, String title, String body, Instant sendAt) {
    Instant now = clock.instant();
    if (!sendAt.isAfter(now)) throw Problem.invalid("sendAt", "'sendAt' must be in the future; to post now, leave it out.");
    if (Duration.between(now, sendAt).compareTo(LONGEST) > 0) throw Problem.invalid("sendAt", "'sendAt' can be at most a year away.");
    long id = ids.next();
    db.writeAll(h -> {
      long workspaceId = workspaces.accessSpace(h, authorId, spaceId).space().workspaceId();
      store.insert(h, id, authorId, spaceId, threadId, title, body, sendAt.toEpochMilli(), now.toEpochMilli());
      due.schedule(h, KIND, id, sendAt, "");
      // Scheduling is sending: the composer's draft goes (publishing it later leaves any newer draft alone).
      Drafts.sent(h, new Drafts.Sent(authorId, workspaceId, threadId == 0 ? Drafts.threadKey(spaceId) : Drafts.replyKey(threadId),
          now.toEpochMilli()));
    });
    return new Scheduled(id, spaceId, threadId, title, body, sendAt.toEpochMilli(), Optional.empty(), Optional.empty());
  }

  /** The author's scheduled posts: pending ones first, then the last few posted or failed. */
  public List<Scheduled> of(long authorId) {
    return db.read(h -> store.of(h, authorId));
  }

  public void cancel(long authorId, long id) {
    boolean gone = db.write(h -> {
      boolean deleted = store.deletePending(h, id, authorId);
      if (deleted) due.cancel(h, KIND, id);
      return deleted;
    });
    if (!gone) throw Problem.notFound("scheduled post");
  }

  private void publish(Handle h, DueWork.Item item, Instant now) {
    var row = store.due(h, item.subjectId());
    if (row.isEmpty()) return;
    var post = row.get();
    long author = post.authorId();
    long thread = post.threadId();
    long posted;
    try {
      posted = thread == 0
          ? threads.startThreadIn(h, author, post.spaceId(), post.title(), post.body()).id()
          : threads.addReplyIn(h, author, thread, post.body()).id();
    } catch (Problem p) {
      log.info("scheduled post {} could not be posted: {}", item.subjectId(), p.detail());
      store.failed(h, item.subjectId(), p.status() == 429 ? "Could not be posted: " + p.detail() // slow mode
          : "Could not be posted: you can no longer write there.");
      return;
    }
    store.posted(h, item.subjectId(), posted);
  }

  /** Publishing a scheduled post when it falls due; Longhand registers them before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(KIND, this::publish);
  }
}
