package dev.longhand.ask;

import dev.longhand.http.Access;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** REST handlers for the ask queues, marking an ask done and withdrawing one. Asks themselves are made by posting (ThreadApi's {@code ask}). */
public final class AskApi implements Router.Routes {
  private final AskService asks;

  public AskApi(AskService asks) {
    this.asks = asks;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/asks", Access.SIGNED_IN, this::queue);
    r.post("/api/v1/asks/{id}/done", Access.SIGNED_IN, this::done);
    r.post("/api/v1/asks/{id}/withdrawal", Access.SIGNED_IN,
        ctx -> ctx.json(json(asks.withdraw(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask")))));
  }

  private void queue(Context ctx) {
    String queue = Optional.ofNullable(ctx.queryParam("queue")).map(String::strip).orElse("mine");
    if (!queue.equals("mine") && !queue.equals("others")) throw Problem.invalid("queue", "'queue' must be mine or others.");
    Ask.Queue q = asks.queue(Requests.viewer(ctx).accountId(), queue.equals("mine"));
    ctx.json(Map.of("queue", q.name(), "asks", q.open().stream().map(AskApi::json).toList(),
        "recentlyDone", q.recentlyDone().stream().map(AskApi::json).toList()));
  }

  private void done(Context ctx) {
    Ask.View v = asks.markDone(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask"));
    ctx.json(json(v));
  }

  /** An ask as the API shows it to one viewer; also the {@code asks} of a post's answer. */
  static Map<String, Object> json(Ask.View v) {
    Ask a = v.ask();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(a.id()));
    out.put("thread", Map.of("id", String.valueOf(a.threadId()), "title", v.row().threadTitle()));
    out.put("postId", String.valueOf(a.postId()));
    out.put("url", a.path());
    out.put("asker", person(v.row().asker()));
    out.put("assignee", person(v.row().assignee()));
    out.put("within", a.within());
    out.put("withinText", Within.parse(a.within()).map(Within::words).orElse(a.within()));
    out.put("createdAt", instant(a.createdAt()));
    Map<String, Object> due = new LinkedHashMap<>();
    due.put("at", instant(a.dueAt()));
    due.put("yours", v.dueYours());
    due.put("theirs", v.dueTheirs());
    due.put("text", v.dueLine());
    out.put("due", due);
    out.put("overdue", v.overdue());
    out.put("age", Map.of("workingMinutes", v.ageMinutes(), "text", v.age()));
    out.put("done", a.isDone());
    if (a.isDone()) {
      out.put("doneAt", instant(a.doneAt()));
      out.put("doneHow", a.doneHow());
    }
    return out;
  }

  private static Map<String, Object> person(Ask.Person p) {
    return Map.of("id", String.valueOf(p.id()), "name", p.name(), "handle", p.handle());
  }

  private static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  static List<Map<String, Object>> json(List<Ask.View> views) {
    return views.stream().map(AskApi::json).toList();
  }
}
