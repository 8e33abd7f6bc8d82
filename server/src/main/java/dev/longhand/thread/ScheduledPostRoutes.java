package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.PageContext;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

/** Scheduled send through the API, from the composers ("Send later") and on the page listing one's scheduled posts. */
public final class ScheduledPostRoutes implements Router.Routes {
  private final ScheduledPosts scheduled;
  private final Pages pages;
  private final ObjectMapper json;
  private final ThreadPages threadPages;
  private final SpacePages spacePages;

  /** The thread and space pages show a refused "Send later" again, with the error beside its field and the text kept. */
  ScheduledPostRoutes(ScheduledPosts scheduled, Pages pages, ObjectMapper json, ThreadPages threadPages, SpacePages spacePages) {
    this.scheduled = scheduled;
    this.pages = pages;
    this.json = json;
    this.threadPages = threadPages;
    this.spacePages = spacePages;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/spaces/{id}/scheduled-threads", Access.SIGNED_IN, ctx -> {
      Input in = Input.of(ctx, json);
      var s = scheduled.scheduleThread(me(ctx), Requests.pathId(ctx, "id", "space"), in.text("title", ThreadApi.TITLE_MAX),
          in.body("body", ThreadApi.BODY_MAX), instant(in.optionalText("sendAt", 40).orElse(null)));
      ctx.status(201).json(ThreadJson.Scheduled.of(s));
    });
    r.post("/api/v1/threads/{id}/scheduled-replies", Access.SIGNED_IN, ctx -> {
      Input in = Input.of(ctx, json);
      var s = scheduled.scheduleReply(me(ctx), Requests.pathId(ctx, "id", "thread"), in.body("body", ThreadApi.BODY_MAX),
          instant(in.optionalText("sendAt", 40).orElse(null)));
      ctx.status(201).json(ThreadJson.Scheduled.of(s));
    });
    r.get("/api/v1/scheduled-posts", Access.SIGNED_IN, ctx -> ctx.json(new ThreadJson.ScheduledList(
        scheduled.of(me(ctx)).stream().map(ThreadJson.Scheduled::of).toList())));
    r.delete("/api/v1/scheduled-posts/{id}", Access.SIGNED_IN, ctx -> {
      scheduled.cancel(me(ctx), Requests.pathId(ctx, "id", "scheduled post"));
      ctx.status(204);
    });
    r.get("/scheduled", Access.SIGNED_IN, ctx -> pages.render(ctx, "thread/scheduled.jte", Map.of("posts", scheduled.of(me(ctx)))));
    r.post("/threads/{id}/schedule", Access.SIGNED_IN, ctx -> {
      long thread = Requests.pathId(ctx, "id", "thread");
      try {
        Input in = Input.ofForm(ctx);
        var s = scheduled.scheduleReply(me(ctx), thread, in.body("body", ThreadApi.BODY_MAX), local(ctx));
        Pages.seeOther(ctx, "/threads/" + s.threadId() + "?notice=" + notice(ctx, s));
      } catch (Problem p) {
        threadPages.refused(ctx, thread, p);
      }
    });
    r.post("/spaces/{id}/schedule", Access.SIGNED_IN, ctx -> {
      long space = Requests.pathId(ctx, "id", "space");
      try {
        Input in = Input.ofForm(ctx);
        var s = scheduled.scheduleThread(me(ctx), space, in.text("title", ThreadApi.TITLE_MAX),
            in.body("body", ThreadApi.BODY_MAX), local(ctx));
        Pages.seeOther(ctx, "/spaces/" + s.spaceId() + "?notice=" + notice(ctx, s));
      } catch (Problem p) {
        spacePages.refused(ctx, space, p);
      }
    });
    r.post("/scheduled-posts/{id}/cancel", Access.SIGNED_IN, ctx -> {
      scheduled.cancel(me(ctx), Requests.pathId(ctx, "id", "scheduled post"));
      Pages.seeOther(ctx, "/scheduled?notice=Cancelled%3B+it+will+not+be+posted.");
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private static String notice(Context ctx, ScheduledPosts.Scheduled s) {
    return URLEncoder.encode("Scheduled for " + PageContext.format(Instant.ofEpochMilli(s.sendAt()), Requests.viewer(ctx).zone())
        + ". See or cancel it under Scheduled.", StandardCharsets.UTF_8);
  }

  private static Instant instant(String raw) {
    if (raw == null) throw Problem.invalid("sendAt", "'sendAt' is required: when to post, such as 2026-12-01T09:00:00Z.");
    return Input.instant("sendAt", raw);
  }

  /** The composer's "Send later" field: a local date and time in the writer's zone. */
  private static Instant local(Context ctx) {
    String raw = ctx.formParam("sendAt");
    try {
      return LocalDateTime.parse(raw == null ? "" : raw).atZone(Requests.viewer(ctx).zone()).toInstant();
    } catch (RuntimeException e) {
      throw Problem.invalid("sendAt", "Choose when to send it.");
    }
  }
}
