package dev.longhand.ask;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The asks page (waiting on me, waiting on others), the "Mark done" form it and the thread page share, and the
 * thread page's "This answers the ask" under the assignee's replies.
 */
public final class AskPages implements Router.Routes {
  private final AskService asks;
  private final Pages pages;

  public AskPages(AskService asks, Pages pages) {
    this.asks = asks;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/asks", Access.SIGNED_IN, this::show);
    r.post("/asks/{id}/done", Access.SIGNED_IN, this::done);
    r.post("/asks/{id}/answer", Access.SIGNED_IN, this::answer);
    r.post("/asks/{id}/withdraw", Access.SIGNED_IN, this::withdraw);
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    pages.render(ctx, "ask/asks.jte", Map.of("mine", asks.queue(me, true), "others", asks.queue(me, false), "viewerId", me));
  }

  /** Marks done, then back where the button was: the thread page when {@code back=thread}, else the asks page. */
  private void done(Context ctx) {
    back(ctx, asks.markDone(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask")), "Ask+marked+done.");
  }

  /** Marks the reply ({@code replyId}, in the form or the action's query) as the answer, then back to that reply. */
  private void answer(Context ctx) {
    String raw = ctx.formParam("replyId") != null ? ctx.formParam("replyId") : ctx.queryParam("replyId");
    long reply = AskApi.replyId(raw);
    Ask.View v = asks.answer(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask"), reply);
    Pages.seeOther(ctx, dev.longhand.http.PostLinks.reply(v.ask().threadId(), reply, "notice=" + "Marked+as+the+answer%3A+"
        + java.net.URLEncoder.encode(v.row().asker().name(), java.nio.charset.StandardCharsets.UTF_8) + "+is+told."));
  }

  /** Withdraws the viewer's own ask, then back where the button was. */
  private void withdraw(Context ctx) {
    back(ctx, asks.withdraw(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "ask")), "Ask+withdrawn%3A+nothing+waits+on+them+now.");
  }

  private static void back(Context ctx, Ask.View v, String notice) {
    if ("thread".equals(ctx.formParam("back"))) {
      Pages.seeOther(ctx, "/threads/" + v.ask().threadId() + "?notice=" + notice);
    } else {
      Pages.seeOther(ctx, "/asks?notice=" + notice);
    }
  }
}
