package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * REST handlers for editing, deleting and moving posts, their revisions, and a thread's replies page by page
 * (documented in {@code openapi/posts.json}).
 */
final class PostApi implements Router.Routes {
  private final ThreadService threads;
  private final PostEdits edits;
  private final ObjectMapper json;
  private final LongFunction<UnaryOperator<String>> readerTimes;
  private final Resolutions resolutions;

  PostApi(ThreadService threads, ObjectMapper json, LongFunction<UnaryOperator<String>> readerTimes, Resolutions resolutions) {
    this.threads = threads;
    this.edits = threads.edits();
    this.json = json;
    this.readerTimes = readerTimes;
    this.resolutions = resolutions;
  }

  @Override
  public void register(Router r) {
    r.put("/api/v1/threads/{id}", Access.SIGNED_IN, this::changeThread);
    r.delete("/api/v1/threads/{id}", Access.SIGNED_IN, this::deleteThread);
    r.get("/api/v1/threads/{id}/replies", Access.SIGNED_IN, this::replies);
    r.get("/api/v1/threads/{id}/revisions", Access.SIGNED_IN, this::threadRevisions);
    r.put("/api/v1/replies/{id}", Access.SIGNED_IN, this::editReply);
    r.delete("/api/v1/replies/{id}", Access.SIGNED_IN, this::deleteReply);
    r.get("/api/v1/replies/{id}/revisions", Access.SIGNED_IN, this::replyRevisions);
  }

  private void changeThread(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    Optional<String> title = in.has("title") ? Optional.of(in.text("title", ThreadApi.TITLE_MAX)) : Optional.empty();
    Optional<String> body = in.has("body") ? Optional.of(in.body("body", ThreadApi.BODY_MAX)) : Optional.empty();
    Optional<Long> space = in.has("spaceId") ? Optional.of(spaceId(in.text("spaceId", 20))) : Optional.empty();
    long me = Requests.viewer(ctx).accountId();
    edits.changeThread(me, thread, new PostEdits.ThreadChange(title, body, space));
    Thread.Detail d = threads.thread(me, thread);
    Resolutions.Json resolution = resolutions.of(me, thread).map(Resolutions.Resolution::json).orElse(null);
    ctx.json(ThreadJson.Detail.of(d, readerTimes.apply(me), resolution));
  }

  private void deleteThread(Context ctx) {
    edits.deleteThread(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    ctx.status(204);
  }

  private void replies(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    int limit = Requests.limit(ctx, ThreadService.REPLY_PAGE, ThreadService.MAX_PAGE);
    ThreadService.At at = ThreadService.At.of(Optional.ofNullable(ctx.queryParam("after")), Optional.ofNullable(ctx.queryParam("before")));
    long me = Requests.viewer(ctx).accountId();
    ctx.json(ThreadJson.ReplyPage.of(threads.replies(me, thread, at, limit), readerTimes.apply(me)));
  }

  private void threadRevisions(Context ctx) {
    ctx.json(ThreadJson.Revisions.of(edits.threadHistory(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"))));
  }

  private void editReply(Context ctx) {
    long reply = Requests.pathId(ctx, "id", "reply");
    String body = Input.of(ctx, json).body("body", ThreadApi.BODY_MAX);
    long me = Requests.viewer(ctx).accountId();
    long thread = edits.editReply(me, reply, body);
    ctx.json(ThreadJson.Reply.of(threads.reply(me, thread, reply), readerTimes.apply(me)));
  }

  private void deleteReply(Context ctx) {
    edits.deleteReply(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "reply"));
    ctx.status(204);
  }

  private void replyRevisions(Context ctx) {
    ctx.json(ThreadJson.Revisions.of(edits.replyHistory(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "reply"))));
  }

  private static long spaceId(String raw) {
    long id = Ids.parse(raw);
    if (id < 0) throw Problem.invalid("spaceId", "'spaceId' must be a space's id.");
    return id;
  }
}
