package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Follow, normal or mute for a thread or a space: the API, and the small forms on the thread and space pages. */
final class SubscriptionRoutes implements Router.Routes {
  private final Subscriptions subscriptions;
  private final ObjectMapper json;

  SubscriptionRoutes(Subscriptions subscriptions, ObjectMapper json) {
    this.subscriptions = subscriptions;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/threads/{id}/subscription", Access.SIGNED_IN,
        ctx -> ctx.json(SubscriptionJson.Subscription.of(subscriptions.ofThread(me(ctx), thread(ctx)))));
    r.put("/api/v1/threads/{id}/subscription", Access.SIGNED_IN, ctx -> {
      long thread = thread(ctx);
      ctx.json(SubscriptionJson.Subscription.of(subscriptions.setThread(me(ctx), thread, level(Input.of(ctx, json)))));
    });
    r.get("/api/v1/spaces/{id}/subscription", Access.SIGNED_IN,
        ctx -> ctx.json(SubscriptionJson.Subscription.of(subscriptions.ofSpace(me(ctx), space(ctx)))));
    r.put("/api/v1/spaces/{id}/subscription", Access.SIGNED_IN, ctx -> {
      long space = space(ctx);
      ctx.json(SubscriptionJson.Subscription.of(subscriptions.setSpace(me(ctx), space, level(Input.of(ctx, json)))));
    });
    r.post("/threads/{id}/subscription", Access.SIGNED_IN, ctx -> {
      long thread = thread(ctx);
      var s = subscriptions.setThread(me(ctx), thread, level(Input.ofForm(ctx)));
      Pages.seeOther(ctx, "/threads/" + thread + "?notice=" + notice(s.level(), "thread"));
    });
    r.post("/spaces/{id}/subscription", Access.SIGNED_IN, ctx -> {
      long space = space(ctx);
      var s = subscriptions.setSpace(me(ctx), space, level(Input.ofForm(ctx)));
      Pages.seeOther(ctx, "/spaces/" + space + "?notice=" + notice(s.level(), "space"));
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private static long thread(Context ctx) {
    return Requests.pathId(ctx, "id", "thread");
  }

  private static long space(Context ctx) {
    return Requests.pathId(ctx, "id", "space");
  }

  private static Subscriptions.Level level(Input in) {
    return Subscriptions.Level.parse(in.optionalText("level", 10).orElse(null));
  }

  private static String notice(Subscriptions.Level level, String what) {
    String text = switch (level) {
      case FOLLOW -> "Following this " + what + ": you hear of every reply" + (what.equals("space") ? " and every new thread." : ".");
      case NORMAL -> "Back to normal: you hear of mentions and replies to your own threads.";
      case MUTE -> "Muted: nothing from this " + what + " reaches your inbox or notifications unless it mentions you.";
    };
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
