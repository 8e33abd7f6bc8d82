package dev.longhand.ask;

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

/**
 * REST handlers for the ask queues, marking which reply answers an ask, marking one done and withdrawing one. Asks
 * themselves are made by posting (ThreadApi's {@code ask}).
 */
public final class AskApi implements Router.Routes {
  private final AskService asks;
  private final ObjectMapper json;

  public AskApi(AskService asks, ObjectMapper json) {
    this.asks = asks;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/asks", Access.SIGNED_IN, this::queue);
    r.post("/api/v1/asks/{id}/done", Access.SIGNED_IN, this::done);
    r.post("/api/v1/asks/{id}/answer", Access.SIGNED_IN, this::answer);
    r.post("/api/v1/asks/{id}/withdrawal", Access.SIGNED_IN,
        ctx -> ctx.json(json(asks.withdraw(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask")))));
  }

  private void queue(Context ctx) {
    String queue = Optional.ofNullable(ctx.queryParam("queue")).map(String::strip).orElse("mine");
    if (!queue.equals("mine") && !queue.equals("others")) throw Problem.invalid("queue", "'queue' must be mine or others.");
    Ask.Queue q = asks.queue(Requests.viewer(ctx).accountId(), queue.equals("mine"));
    ctx.json(new AskJson.Queue(q.name(), json(q.open()), json(q.recentlyDone())));
  }

  private void done(Context ctx) {
    Ask.View v = asks.markDone(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask"));
    ctx.json(json(v));
  }

  private void answer(Context ctx) {
    long ask = Requests.pathId(ctx, "id", "ask");
    long reply = replyId(Input.of(ctx, json).optionalText("replyId", 24).orElse(null));
    ctx.json(json(asks.answer(Requests.viewer(ctx).accountId(), ask, reply)));
  }

  /**
   * The {@code replyId} of an answer, from JSON or a form: a reply's id, 0 when missing, -1 when not an id. The
   * service refuses both after its access checks, so an outsider learns nothing from a bad body.
   */
  static long replyId(String raw) {
    if (raw == null || raw.isBlank()) return 0;
    return Ids.parse(raw.strip());
  }

  /** An ask as the API shows it to one viewer; also the {@code asks} of a post's answer. */
  static AskJson.View json(Ask.View v) {
    return AskJson.View.of(v);
  }

  static List<AskJson.View> json(List<Ask.View> views) {
    return views.stream().map(AskJson.View::of).toList();
  }
}
