package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Slow mode's API ({@code PUT /api/v1/threads/{id}/slow-mode}) and its form page. */
final class SlowModeRoutes implements Router.Routes {
  /** The intervals the form offers, as ISO-8601. */
  static final List<String> CHOICES = List.of("PT5M", "PT15M", "PT30M", "PT1H", "PT2H", "PT4H");

  private final ThreadService threads;
  private final Pages pages;
  private final ObjectMapper json;

  SlowModeRoutes(ThreadService threads, Pages pages, ObjectMapper json) {
    this.threads = threads;
    this.pages = pages;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.put("/api/v1/threads/{id}/slow-mode", Access.SIGNED_IN, this::put);
    r.get("/threads/{id}/slow-mode", Access.SIGNED_IN, this::page);
    r.post("/threads/{id}/slow-mode", Access.SIGNED_IN, this::post);
  }

  private void put(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    String interval = in.optionalText("interval", 40).orElse(null);
    ctx.json(SlowModeJson.of(thread, threads.slowMode().set(Requests.viewer(ctx).accountId(), thread, interval, in.present("interval"))));
  }

  private void page(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long thread = Requests.pathId(ctx, "id", "thread");
    render(ctx, me, thread, null);
  }

  private void post(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long thread = Requests.pathId(ctx, "id", "thread");
    try {
      String raw = Input.of(ctx, json).optionalText("interval", 40).orElse(null);
      Duration interval = threads.slowMode().set(me, thread, raw, true).interval();
      String notice = interval.isZero() ? "Slow mode is off." : "Slow mode is on: one reply every " + SlowMode.words(interval) + " per person.";
      Pages.seeOther(ctx, "/threads/" + thread + "?notice=" + java.net.URLEncoder.encode(notice, java.nio.charset.StandardCharsets.UTF_8));
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      ctx.status(400);
      render(ctx, me, thread, p.detail());
    }
  }

  private void render(Context ctx, long me, long thread, String error) {
    Thread.Detail d = threads.thread(me, thread); // its space, for the breadcrumbs
    Map<String, Object> model = new HashMap<>();
    model.put("thread", d.thread());
    model.put("spaceName", d.space().name());
    model.put("status", threads.slowMode().status(me, thread));
    model.put("choices", CHOICES);
    if (error != null) model.put("error", error);
    pages.render(ctx, "thread/slowmode.jte", model);
  }
}
