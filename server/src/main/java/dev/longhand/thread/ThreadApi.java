package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** REST handlers for threads, replies, reactions and acknowledgements. Ids are strings, instants ISO-8601 UTC. */
public final class ThreadApi implements Router.Routes {
  static final int TITLE_MAX = 200;
  static final int BODY_MAX = 50_000;

  private final ThreadService threads;
  private final ObjectMapper json;

  private final java.util.function.LongFunction<java.util.function.UnaryOperator<String>> readerTimes;
  private final Resolutions resolutions;

  /**
   * {@code readerTimes} gives, for a reader, what rewrites the times written in rendered Markdown into their zone
   * (as on the pages).
   */
  public ThreadApi(ThreadService threads, ObjectMapper json,
      java.util.function.LongFunction<java.util.function.UnaryOperator<String>> readerTimes) {
    this(threads, json, readerTimes, Resolutions.NONE);
  }

  /** {@code resolutions} gives a thread's outcome, shown as {@code resolution} once it is resolved. */
  public ThreadApi(ThreadService threads, ObjectMapper json,
      java.util.function.LongFunction<java.util.function.UnaryOperator<String>> readerTimes, Resolutions resolutions) {
    this.resolutions = resolutions;
    this.readerTimes = readerTimes;
    this.threads = threads;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/spaces/{id}/threads", Access.SIGNED_IN, this::start);
    r.get("/api/v1/spaces/{id}/threads", Access.SIGNED_IN, this::list);
    r.get("/api/v1/threads/{id}", Access.SIGNED_IN, this::show).tryFirst();
    r.post("/api/v1/threads/{id}/replies", Access.SIGNED_IN, this::reply).tryFirst();
    r.post("/api/v1/threads/{id}/reactions", Access.SIGNED_IN, this::react);
    r.delete("/api/v1/threads/{id}/reactions", Access.SIGNED_IN, this::unreact);
    r.post("/api/v1/threads/{id}/acknowledgements", Access.SIGNED_IN, this::acknowledge);
  }

  private void start(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    Input in = Input.of(ctx, json);
    String title = in.text("title", TITLE_MAX);
    String body = in.body("body", BODY_MAX);
    Optional<PostHooks.Request> ask = askRequest(in);
    long me = Requests.viewer(ctx).accountId();
    Thread t = threads.startThread(me, space, title, body, ask);
    ctx.status(201).json(ThreadJson.Started.of(t, threads.postAnswer(me, t.id(), body, ask)));
  }

  private void list(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    int limit = Requests.limit(ctx, ThreadService.DEFAULT_PAGE, ThreadService.MAX_PAGE);
    Thread.Page page = threads.threads(Requests.viewer(ctx).accountId(), space, Optional.ofNullable(ctx.queryParam("before")), limit);
    ctx.json(ThreadJson.Page.of(page));
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Thread.Detail d = threads.thread(me, Requests.pathId(ctx, "id", "thread"));
    Resolutions.Json resolution = resolutions.of(me, d.thread().id()).map(Resolutions.Resolution::json).orElse(null);
    ctx.json(ThreadJson.Detail.of(d, readerTimes.apply(me), resolution));
  }

  private void reply(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    String body = in.body("body", BODY_MAX);
    Optional<PostHooks.Request> ask = askRequest(in);
    long me = Requests.viewer(ctx).accountId();
    Thread.Posted p = threads.addReply(me, thread, body, ask);
    ctx.status(201).json(ThreadJson.Posted.of(p, threads.postAnswer(me, p.id(), body, ask)));
  }

  private void react(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    long post = postId(in.optionalText("postId", 20).orElse(null));
    String emoji = Reactions.glyph(in.optionalText("emoji", 20).orElse(null));
    List<Thread.ReactionCount> counts = threads.react(Requests.viewer(ctx).accountId(), thread, post, emoji);
    ctx.status(201).json(new ThreadJson.Reacted(ThreadJson.id(post), emoji, ThreadJson.Reaction.all(counts)));
  }

  private void unreact(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    String post = Optional.ofNullable(ctx.queryParam("postId")).orElseGet(() -> in.optionalText("postId", 20).orElse(null));
    String emoji = Optional.ofNullable(ctx.queryParam("emoji")).orElseGet(() -> in.optionalText("emoji", 20).orElse(null));
    threads.unreact(Requests.viewer(ctx).accountId(), thread, postId(post), Reactions.glyph(emoji));
    ctx.status(204);
  }

  private void acknowledge(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    List<Thread.Acknowledgement> acks = threads.acknowledge(Requests.viewer(ctx).accountId(), thread);
    ctx.status(201).json(new ThreadJson.Acknowledged(ThreadJson.id(thread), ThreadJson.Acknowledgement.all(acks)));
  }

  /** The optional {@code ask: {assignee, within}} of a new post; checked in the write, naming {@code ask.assignee} or {@code ask.within}. */
  private static Optional<PostHooks.Request> askRequest(Input in) {
    return in.object("ask").map(a -> new PostHooks.Request(a.optionalText("assignee", 40).orElse(""), a.optionalText("within", 40).orElse("")));
  }

  private static long postId(String raw) {
    if (raw == null || raw.isBlank()) throw Problem.invalid("postId", "'postId' is required: the thread's id or a reply's id.");
    long id = Ids.parse(raw.strip());
    if (id < 0) throw Problem.invalid("postId", "'postId' must be the thread's id or a reply's id.");
    return id;
  }
}
