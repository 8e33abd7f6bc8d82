package dev.longhand.inbox;

import dev.longhand.http.Access;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.List;

/** REST handlers for the inbox and for marking threads read or unread. */
public final class InboxApi implements Router.Routes {
  private final InboxService inbox;

  public InboxApi(InboxService inbox) {
    this.inbox = inbox;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/inbox", Access.SIGNED_IN, this::list).tryFirst();
    r.post("/api/v1/threads/{id}/read", Access.SIGNED_IN, this::read);
    r.post("/api/v1/threads/{id}/unread", Access.SIGNED_IN, this::unread);
  }

  private void list(Context ctx) {
    List<InboxItem> items = inbox.inbox(Requests.viewer(ctx).accountId(), Requests.limit(ctx, InboxService.DEFAULT_LIMIT, InboxService.MAX_LIMIT));
    ctx.json(new InboxJson.Items(items.stream().map(InboxJson.Item::of).toList()));
  }

  private void read(Context ctx) {
    inbox.markRead(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    ctx.status(204);
  }

  private void unread(Context ctx) {
    inbox.markUnread(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    ctx.status(204);
  }
}
