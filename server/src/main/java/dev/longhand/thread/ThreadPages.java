package dev.longhand.thread;

import dev.longhand.http.PostLinks;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.calendar.CalendarService;
import dev.longhand.calendar.PageTimes;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The thread page (opening it marks it read), its forms (reply, react, "Got it") with
 * POST/redirect/GET, and the reply fragment that live updates fetch.
 */
public final class ThreadPages implements Router.Routes {
  private final ThreadService threads;
  private final Pages pages;
  private final ObjectMapper json;
  private final CalendarService calendars;
  private final dev.longhand.inbox.Reminders reminders;
  private final Resolutions resolutions;
  private final List<ThreadPanel> panels;

  public ThreadPages(ThreadService threads, Pages pages, ObjectMapper json, CalendarService calendars,
      dev.longhand.inbox.Reminders reminders) {
    this(threads, pages, json, calendars, reminders, Resolutions.NONE, List.of());
  }

  /**
   * {@code resolutions} gives the thread's outcome, shown at the top of its page; {@code panels} the sections other
   * features show on it.
   */
  public ThreadPages(ThreadService threads, Pages pages, ObjectMapper json, CalendarService calendars,
      dev.longhand.inbox.Reminders reminders, Resolutions resolutions, List<ThreadPanel> panels) {
    this.resolutions = resolutions;
    this.panels = List.copyOf(panels);
    this.reminders = reminders;
    this.threads = threads;
    this.pages = pages;
    this.json = json;
    this.calendars = calendars;
  }

  @Override
  public void register(Router r) {
    r.get("/threads/{id}", Access.SIGNED_IN, this::show);
    r.post("/threads/{id}/replies", Access.SIGNED_IN, this::reply);
    r.post("/threads/{id}/reactions", Access.SIGNED_IN, this::react);
    r.post("/threads/{id}/acknowledge", Access.SIGNED_IN, this::acknowledge);
    r.get("/threads/{id}/replies/{replyId}/fragment", Access.SIGNED_IN, this::fragment);
    r.get("/threads/{id}/replies/{replyId}", Access.SIGNED_IN, this::atReply);
  }

  /**
   * A reply's address ({@link PostLinks#reply}): the page of its thread that holds it, scrolled to it, with the notice
   * to show and the reply whose edit form to open passed on.
   */
  private void atReply(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    long reply = Requests.pathId(ctx, "replyId", "reply");
    boolean paged = threads.replyIsPaged(Requests.viewer(ctx).accountId(), thread, reply);
    List<String> query = new java.util.ArrayList<>();
    Optional.ofNullable(ctx.queryParam("notice")).filter(n -> !n.isBlank())
        .ifPresent(n -> query.add("notice=" + java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8)));
    Optional.ofNullable(ctx.queryParam("edit")).map(dev.longhand.store.Ids::parse).filter(id -> id > 0)
        .ifPresent(id -> query.add("edit=" + id));
    Pages.seeOther(ctx, PostLinks.page(thread, reply, paged, String.join("&", query)));
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ThreadService.At at = ThreadService.At.of(Optional.ofNullable(ctx.queryParam("after")), Optional.ofNullable(ctx.queryParam("before")));
    Thread.Detail detail = threads.openThread(me, Requests.pathId(ctx, "id", "thread"), at);
    Map<String, Object> model = new HashMap<>();
    model.putAll(postActions(ctx, me, detail));
    model.put("detail", detail);
    model.put("viewerId", me);
    model.put("times", times(me, detail));
    reminders.pendingFor(me, detail.thread().id()).ifPresent(r -> model.put("reminder", r));
    resolutions.of(me, detail.thread().id()).ifPresent(r -> model.put("resolution", r));
    model.put("subscription", threads.subscriptions().ofThread(me, detail.thread().id()));
    model.putAll(postExtras(me, detail));
    model.putAll(panels(ctx, me, detail));
    pages.render(ctx, "thread/thread.jte", model);
  }

  private void reply(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long thread = Requests.pathId(ctx, "id", "thread");
    try {
      Thread.Posted p = threads.addReply(me, thread, Input.of(ctx, json).body("body", ThreadApi.BODY_MAX), askFromForm(ctx));
      Pages.seeOther(ctx, PostLinks.reply(thread, p.id()));
    } catch (Problem p) {
      refused(ctx, thread, p);
    }
  }

  /**
   * A refused reply (or "Send later" from the reply composer): the thread page again, 400, with the error beside the
   * field it names and everything typed kept; a reply too soon in slow mode likewise, answered 429 with Retry-After and
   * the time in the reader's zone. Anything else (not found, forbidden) is answered as it is.
   */
  void refused(Context ctx, long thread, Problem p) {
    if (p.status() != 400 && p.status() != 429) throw p;
    long me = Requests.viewer(ctx).accountId();
    Map<String, Object> model = new HashMap<>();
    Thread.Detail detail = threads.thread(me, thread);
    model.put("detail", detail);
    model.put("times", times(me, detail));
    model.put("viewerId", me);
    model.put("error", p.status() == 429 ? tooSoon(ctx, p) : p.detail());
    model.put("errorField", p.field().orElse("body"));
    model.putAll(postActions(ctx, me, detail));
    resolutions.of(me, thread).ifPresent(r -> model.put("resolution", r));
    model.put("draft", Optional.ofNullable(ctx.formParam("body")).orElse(""));
    model.put("draftSendAt", Optional.ofNullable(ctx.formParam("sendAt")).orElse(""));
    model.put("subscription", threads.subscriptions().ofThread(me, thread));
    model.putAll(postExtras(me, detail));
    model.put("draftAssignee", Optional.ofNullable(ctx.formParam("askAssignee")).orElse(""));
    model.put("draftWithin", Optional.ofNullable(ctx.formParam("askWithin")).orElse("P1D"));
    model.putAll(panels(ctx, me, detail));
    ctx.status(p.status());
    p.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
    pages.render(ctx, "thread/thread.jte", model);
  }

  /** Slow mode's refusal in the reader's words: when, in their zone, they may reply again. */
  private static String tooSoon(Context ctx, Problem p) {
    long seconds = p.retryAfterSeconds().orElse(60);
    var page = Pages.pageContext(ctx);
    long next = page.clock().millis() + seconds * 1000;
    long minutes = Math.max(1, (seconds + 59) / 60);
    return "This thread is in slow mode: you may reply again at " + page.time(next) + " (in " + minutes
        + (minutes == 1 ? " minute" : " minutes") + "). Your text is kept below.";
  }

  /** A reaction button toggles: pressing one you gave takes it back. */
  private void react(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    long post = dev.longhand.store.Ids.parse(in.optionalText("postId", 20).orElse(""));
    if (post < 0) throw Problem.invalid("postId", "Choose a post to react to.");
    threads.toggleReaction(Requests.viewer(ctx).accountId(), thread, post, Reactions.glyph(in.optionalText("emoji", 20).orElse(null)));
    Pages.seeOther(ctx, post == thread ? "/threads/" + thread : PostLinks.reply(thread, post));
  }

  private void acknowledge(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    threads.acknowledge(Requests.viewer(ctx).accountId(), thread);
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=Thanks%2C+the+author+can+see+you+got+it.");
  }

  private void fragment(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    long reply = Requests.pathId(ctx, "replyId", "reply");
    Thread.Reply r = threads.reply(Requests.viewer(ctx).accountId(), thread, reply);
    pages.render(ctx, "thread/reply.jte", Map.of("reply", r, "threadId", thread,
        "times", calendars.pageTimes(Requests.viewer(ctx).accountId(), List.of(r.author().id()))));
  }

  /**
   * A refused edit of a post (the thread's, or a reply's): the thread page again, at the post, with its edit form
   * open, the text as sent and the error beside its field, answered 400.
   */
  void editRefused(Context ctx, long threadId, long postId, Problem refused, String title, String body) {
    long me = Requests.viewer(ctx).accountId();
    Thread.Detail detail = threads.openThread(me, threadId, new ThreadService.At(postId == threadId ? 0 : postId - 1, 0));
    Map<String, Object> model = new HashMap<>();
    model.putAll(postActions(me, detail, postId));
    model.put("detail", detail);
    model.put("viewerId", me);
    model.put("times", times(me, detail));
    resolutions.of(me, threadId).ifPresent(r -> model.put("resolution", r));
    model.putAll(postExtras(me, detail));
    model.put("edit", new EditDraft(title, body, refused.detail(), refused.field().orElse("body")));
    model.putAll(panels(ctx, me, detail));
    ctx.status(400);
    pages.render(ctx, "thread/thread.jte", model);
  }

  /** What a refused edit sent (the title only for a thread's), and why it was refused, by field. */
  public record EditDraft(String title, String body, String error, String field) {}

  /** What the viewer may do to the posts (edit, delete, move), and the post whose edit form is open ({@code ?edit=}). */
  private Map<String, Object> postActions(Context ctx, long me, Thread.Detail d) {
    return postActions(me, d, Math.max(0, dev.longhand.store.Ids.parse(Optional.ofNullable(ctx.queryParam("edit")).orElse(""))));
  }

  private Map<String, Object> postActions(long me, Thread.Detail d, long editing) {
    PostEdits.Allowed allowed = threads.edits().allowed(me, d.thread().id());
    return Map.of("allowed", allowed, "editing", editing,
        "moveTargets", allowed.moveThread() ? threads.edits().moveTargets(me, d.thread().id()) : List.of());
  }

  /** The composer's ask control as a request: none when nobody is chosen. */
  static Optional<PostHooks.Request> askFromForm(Context ctx) {
    String assignee = ctx.formParam("askAssignee");
    if (assignee == null || assignee.isBlank()) return Optional.empty();
    return Optional.of(new PostHooks.Request(assignee, Optional.ofNullable(ctx.formParam("askWithin")).orElse("")));
  }

  /** The notes under the posts (asks), by post, and the people the ask control and the urgent form offer. */
  private Map<String, Object> postExtras(long me, Thread.Detail d) {
    Map<Long, List<PostHooks.Note>> notes = new HashMap<>();
    threads.postNotes(me, d.thread().id()).forEach(n -> notes.computeIfAbsent(n.postId(), k -> new java.util.ArrayList<>()).add(n));
    return Map.of("notes", notes, "askable", calendars.spacePeople(me, d.thread().spaceId()),
        "canSendUrgent", threads.maySendUrgent(me, d));
  }

  /** The other features' sections of the page, rendered, by place: {@code topPanels} and {@code composerPanels}. */
  private Map<String, Object> panels(Context ctx, long me, Thread.Detail d) {
    List<String> top = new java.util.ArrayList<>();
    List<String> composer = new java.util.ArrayList<>();
    for (ThreadPanel panel : panels) {
      panel.section(me, d.thread()).ifPresent(s ->
          (s.place() == ThreadPanel.Place.TOP ? top : composer).add(pages.renderToString(ctx, s.template(), s.model())));
    }
    return Map.of("topPanels", top, "composerPanels", composer);
  }

  /** Local times of everyone named on the thread page, and the reader's zone for times written in it. */
  private PageTimes times(long me, Thread.Detail d) {
    Set<Long> people = new HashSet<>();
    people.add(d.author().id());
    d.replies().forEach(r -> people.add(r.author().id()));
    d.acknowledgements().forEach(a -> people.add(a.person().id()));
    return calendars.pageTimes(me, people);
  }
}
