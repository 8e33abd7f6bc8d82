package dev.longhand.ask;

import dev.longhand.calendar.CalendarService;
import dev.longhand.event.AskCreated;
import dev.longhand.event.AsksDone;
import dev.longhand.http.Problem;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.Notifications;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.thread.PostHooks;
import dev.longhand.thread.Thread;
import dev.longhand.time.NoWorkingTimeException;
import dev.longhand.time.WorkCalendar;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Asks: made by posts (the thread write path calls {@link #afterPost} in its transaction), answered when the
 * assignee marks which of their replies answers (the asker is told), or marked done, or withdrawn by the asker;
 * listed in each person's two queues. A reply alone closes nothing: a status note the assignee scheduled once
 * closed an ask it did not answer.
 *
 * <p>Writes append outbox events ({@code AskCreated}, {@code AsksDone}); {@link AskNudges} turns them into the
 * assignee's notice and the scheduled nudges, after commit, so a post pays only for its rows.
 */
public final class AskService implements PostHooks {
  static final int QUEUE_LIMIT = 200;
  static final int RECENTLY_DONE = 5;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final CalendarService calendars;
  private final Notifications notifications;
  private final AskStore store = new AskStore();

  public AskService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, CalendarService calendars,
      Notifications notifications) {
    this.notifications = notifications;
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.calendars = calendars;
  }

  // The thread write path.

  @Override
  public boolean concerns(String body, Optional<Request> request) {
    return request.isPresent() || AskPhrases.mayContain(body);
  }

  /** None: a reply no longer answers its writer's asks by itself (they mark which reply does), so it costs no read. */
  @Override
  public Set<Replier> owingAnswers(Handle h, Collection<Replier> repliers) {
    return Set.of();
  }

  /** Records the asks the post makes. */
  @Override
  public void afterPost(Handle h, Written post) {
    if (!concerns(post.body(), post.request())) return;
    Map<Long, Within> wanted = new LinkedHashMap<>();
    Set<Long> explicit = new HashSet<>();
    Set<Long> readers = new HashSet<>(post.readers());
    post.request().ifPresent(r -> {
      long assignee = checkedAssignee(r.assignee(), post.authorId(), readers);
      Within within = Within.parse(r.within()).orElseThrow(() -> Problem.invalid("ask.within",
          "'ask.within' must be a working duration such as PT4H, P1D or P2D (days are working days of the person asked), at most "
              + Within.MAX_DAYS + " working days."));
      wanted.put(assignee, within);
      explicit.add(assignee);
    });
    List<AskPhrases.Found> found = AskPhrases.find(post.body());
    if (!found.isEmpty()) {
      List<String> handles = found.stream().map(AskPhrases.Found::handle).toList();
      Map<String, Long> byHandle = new LinkedHashMap<>();
      for (Workspace.Member m : workspaces.membersByHandle(h, post.thread().workspaceId(), handles)) byHandle.put(m.handle(), m.accountId());
      for (AskPhrases.Found f : found) {
        Long id = byHandle.get(f.handle());
        if (id != null && id != post.authorId() && readers.contains(id) && f.within().inBounds()) wanted.putIfAbsent(id, f.within());
      }
    }
    if (wanted.isEmpty()) return;
    Map<Long, WorkCalendar> cals = calendars.calendars(h, List.copyOf(wanted.keySet()));
    Instant now = Instant.ofEpochMilli(post.at());
    wanted.forEach((assignee, within) -> {
      Optional<Instant> due = dueInstant(cals.get(assignee), now, within);
      if (due.isEmpty()) {
        if (explicit.contains(assignee)) {
          throw Problem.conflict("ask.assignee", "This person has no working hours set, so a working-time deadline cannot be counted for them.");
        }
        return; // a written ask for someone without working hours stays a plain mention
      }
      Thread t = post.thread();
      Ask a = new Ask(ids.next(), t.workspaceId(), t.spaceId(), t.id(), post.postId(), post.authorId(), assignee, within.iso(),
          post.at(), due.get().toEpochMilli(), 0, "", 0);
      store.insert(h, a);
      outbox.append(h, a.workspaceId(), new AskCreated(a.id(), a.threadId(), assignee, a.askerId()));
    });
  }

  /** When the working time of {@code within} will have passed in the calendar, or empty when it has no working hours. */
  static Optional<Instant> dueInstant(WorkCalendar calendar, Instant from, Within within) {
    if (calendar == null) return Optional.empty();
    Duration amount = within.in(calendar);
    if (amount.isZero()) return Optional.empty();
    try {
      return Optional.of(calendar.addWorking(from, amount));
    } catch (NoWorkingTimeException e) {
      return Optional.empty();
    }
  }

  private static long checkedAssignee(String raw, long authorId, Set<Long> readers) {
    if (raw == null || raw.isBlank()) throw Problem.invalid("ask.assignee", "'ask.assignee' is required: the id of the person you ask.");
    long id = Ids.parse(raw.strip());
    if (id == authorId) throw Problem.invalid("ask.assignee", "'ask.assignee' must be someone else: you cannot ask yourself.");
    if (id < 0 || !readers.contains(id)) {
      throw Problem.invalid("ask.assignee", "'ask.assignee' must be the id of someone who can read this space.");
    }
    return id;
  }

  /**
   * Posts were deleted: their open asks end as withdrawn ({@code done_how} 'deleted'), in the delete's transaction,
   * so they leave both queues and the digest, and {@code AsksDone} cancels their nudges. A deleted thread takes all
   * of its asks; a deleted reply, those it made.
   */
  @Override
  public void postsDeleted(Handle h, Thread thread, boolean wholeThread, Collection<Long> postIds, long at) {
    List<Long> open = wholeThread ? store.openInThread(h, thread.id()) : store.openOfPosts(h, thread.id(), postIds);
    if (open.isEmpty()) return;
    store.markDone(h, open, at, Ask.DELETED);
    outbox.append(h, thread.workspaceId(), new AsksDone(open, thread.id()));
  }

  @Override
  public Map<String, Object> answer(Handle h, long viewerId, long postId) {
    List<Ask.Row> rows = store.ofPost(h, postId);
    if (rows.isEmpty()) return Map.of();
    return Map.of("asks", views(h, viewerId, rows).stream().map(AskApi::json).toList());
  }

  /**
   * Under the post that asked: the ask, its deadline and state, with "Mark done" for its assignee or "Withdraw" for
   * its asker. Under each reply its assignee wrote since, while it is open and the viewer is the assignee: "This
   * answers the ask". Under the reply that answered it, for everyone: which ask it answers.
   */
  @Override
  public List<Note> notes(Handle h, long viewerId, Thread thread) {
    List<Ask.Row> rows = store.ofThread(h, thread.id());
    if (rows.isEmpty()) return List.of();
    List<Note> notes = new ArrayList<>();
    for (Ask.View v : views(h, viewerId, rows)) {
      Ask a = v.ask();
      String asker = a.askerId() == viewerId ? "your" : v.row().asker().name() + "’s";
      if (a.isAnswered()) {
        notes.add(new Note(a.answerId(), "ask-answer", "Answers " + asker + " ask", Optional.empty(), ""));
      } else if (!a.isDone() && a.assigneeId() == viewerId) {
        for (long reply : store.repliesBy(h, a.threadId(), a.assigneeId(), a.createdAt())) {
          if (reply == a.postId()) continue;
          notes.add(new Note(reply, "ask-answer", "Does this reply answer " + asker + " ask?",
              Optional.of("/asks/" + a.id() + "/answer?replyId=" + reply), "This answers the ask"));
        }
      }
      String who = a.assigneeId() == viewerId ? "you" : v.row().assignee().name();
      String state = a.isWithdrawn() ? " · withdrawn" : a.isAnswered() ? " · answered" : a.isDone() ? " · done"
          : v.overdue() ? " · overdue" : "";
      String text = "Ask for " + who + " from " + (a.askerId() == viewerId ? "you" : v.row().asker().name()) + ", within "
          + Within.parse(a.within()).map(Within::words).orElse(a.within()) + ": " + v.dueLine() + state;
      if (!a.isDone() && a.assigneeId() == viewerId) {
        notes.add(new Note(a.postId(), "ask", text, Optional.of("/asks/" + a.id() + "/done"), "Mark done"));
      } else if (!a.isDone() && a.askerId() == viewerId) {
        notes.add(new Note(a.postId(), "ask", text, Optional.of("/asks/" + a.id() + "/withdraw"), "Withdraw"));
      } else {
        notes.add(new Note(a.postId(), "ask", text, Optional.empty(), ""));
      }
    }
    return notes;
  }

  // Queues, marking done and withdrawing.

  /** The person's queue: {@code mine} is what waits on them, otherwise what waits on others for them. */
  public Ask.Queue queue(long accountId, boolean mine) {
    return db.read(h -> new Ask.Queue(mine ? "mine" : "others",
        views(h, accountId, store.open(h, accountId, mine, QUEUE_LIMIT)),
        views(h, accountId, store.recentlyDone(h, accountId, mine, RECENTLY_DONE))));
  }

  /**
   * Marks an ask done. Someone who may not read its space gets "not found"; someone who may read it but is not
   * the assignee gets "forbidden" (the thread page shows them the ask anyway). Doing it twice changes nothing.
   */
  public Ask.View markDone(long accountId, long askId) {
    Ask.Row row = db.write(h -> {
      Ask.Row r = store.find(h, askId).orElseThrow(() -> Problem.notFound("ask"));
      Space.Access access = workspaces.accessSpace(h, accountId, r.ask().spaceId());
      Permissions.check(access.role(), Action.MARK_ASK_DONE, Permissions.relation(r.ask().assigneeId() == accountId, Relation.ASSIGNEE),
          "Only " + r.assignee().name() + " can mark this ask done: it waits on them.");
      if (!r.ask().isDone()) {
        store.markDone(h, List.of(askId), clock.millis(), "marked");
        outbox.append(h, r.ask().workspaceId(), new AsksDone(List.of(askId), r.ask().threadId()));
      }
      return store.find(h, askId).orElseThrow();
    });
    return db.read(h -> views(h, accountId, List.of(row)).getFirst());
  }

  /**
   * Marks which reply answers an ask: only its assignee may ("forbidden" for other readers of its space, "not found"
   * for anyone else), with a reply of theirs in the ask's thread written after it ({@code replyId} refused otherwise).
   * The ask is done ("answered"), its nudges stop, and its asker is told, with a link to the reply. Marking the same
   * reply again changes nothing; an ask already done otherwise is a conflict.
   */
  public Ask.View answer(long accountId, long askId, long replyId) {
    Ask.Row row = db.write(h -> {
      Ask.Row r = store.find(h, askId).orElseThrow(() -> Problem.notFound("ask"));
      Ask a = r.ask();
      Space.Access access = workspaces.accessSpace(h, accountId, a.spaceId());
      Permissions.check(access.role(), Action.MARK_ASK_DONE, Permissions.relation(a.assigneeId() == accountId, Relation.ASSIGNEE),
          "Only " + r.assignee().name() + " can say which reply answers this ask: it waits on them.");
      if (replyId == 0) throw Problem.invalid("replyId", "'replyId' is required: the id of your reply that answers the ask.");
      AskStore.ReplyRef reply = (replyId < 0 ? Optional.<AskStore.ReplyRef>empty() : store.reply(h, replyId))
          .filter(x -> x.threadId() == a.threadId())
          .orElseThrow(() -> Problem.invalid("replyId", "'replyId' must be a reply in the ask's thread."));
      if (reply.authorId() != a.assigneeId()) {
        throw Problem.invalid("replyId", "'replyId' must be one of your own replies: the answer is yours to give.");
      }
      if (reply.id() == a.postId() || reply.createdAt() < a.createdAt()) {
        throw Problem.invalid("replyId", "'replyId' must be a reply written after the ask.");
      }
      if (a.isDone()) {
        if (a.isAnswered() && a.answerId() == replyId) return r;
        throw Problem.conflict("replyId", "This ask is already " + (a.isWithdrawn() ? "withdrawn" : "done") + ".");
      }
      long now = clock.millis();
      store.markAnswered(h, askId, now, replyId);
      outbox.append(h, a.workspaceId(), new AsksDone(List.of(askId), a.threadId()));
      notifications.notify(h, new Notice(a.askerId(), a.workspaceId(), Level.DIRECT, "ask-answered", a.threadId(), accountId,
          r.assignee().name() + " answered your ask in “" + r.threadTitle() + "”", "",
          dev.longhand.http.PostLinks.reply(a.threadId(), replyId)));
      return store.find(h, askId).orElseThrow();
    });
    return db.read(h -> views(h, accountId, List.of(row)).getFirst());
  }

  /**
   * Withdraws an ask its asker no longer needs answered: it leaves both queues, and its nudges are cancelled. Only
   * the asker may ("forbidden" for other readers of its space, "not found" for anyone else); withdrawing an ask that
   * is already done changes nothing.
   */
  public Ask.View withdraw(long accountId, long askId) {
    Ask.Row row = db.write(h -> {
      Ask.Row r = store.find(h, askId).orElseThrow(() -> Problem.notFound("ask"));
      Space.Access access = workspaces.accessSpace(h, accountId, r.ask().spaceId());
      Permissions.check(access.role(), Action.WITHDRAW_ASK, Permissions.relation(r.ask().askerId() == accountId, Relation.ASKER),
          "Only " + r.asker().name() + " can withdraw this ask: they made it.");
      if (!r.ask().isDone()) {
        store.markDone(h, List.of(askId), clock.millis(), Ask.WITHDRAWN);
        outbox.append(h, r.ask().workspaceId(), new AsksDone(List.of(askId), r.ask().threadId()));
      }
      return store.find(h, askId).orElseThrow();
    });
    return db.read(h -> views(h, accountId, List.of(row)).getFirst());
  }

  /** Rows as the viewer sees them, with one calendar query for everyone named. */
  List<Ask.View> views(Handle h, long viewerId, List<Ask.Row> rows) {
    if (rows.isEmpty()) return List.of();
    Set<Long> people = new LinkedHashSet<>();
    people.add(viewerId);
    rows.forEach(r -> people.add(r.ask().assigneeId()));
    Map<Long, WorkCalendar> cals = calendars.calendars(h, List.copyOf(people));
    ZoneId zone = Optional.ofNullable(cals.get(viewerId)).map(WorkCalendar::zone).orElse(ZoneId.of("UTC"));
    Instant now = clock.instant();
    return rows.stream().map(r -> AskViews.view(r, zone, cals, now)).toList();
  }
}
