package dev.longhand.inbox;

import dev.longhand.http.Access;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** REST handlers for the inbox and for marking threads read or unread. */
public final class InboxApi implements Router.Routes {
  private final InboxService inbox;

  public InboxApi(InboxService inbox) {
    this.inbox = inbox;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/inbox", Access.SIGNED_IN, this::list);
    r.post("/api/v1/threads/{id}/read", Access.SIGNED_IN, this::read);
    r.post("/api/v1/threads/{id}/unread", Access.SIGNED_IN, this::unread);
  }

  private void list(Context ctx) {
    List<InboxItem> items = inbox.inbox(Requests.viewer(ctx).accountId(), Requests.limit(ctx, InboxService.DEFAULT_LIMIT, InboxService.MAX_LIMIT));
    ctx.json(Map.of("items", items.stream().map(InboxApi::item).toList()));
  }

  private void read(Context ctx) {
    inbox.markRead(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    ctx.status(204);
  }

  private void unread(Context ctx) {
    inbox.markUnread(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    ctx.status(204);
  }

  private static Map<String, Object> item(InboxItem i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threadId", String.valueOf(i.threadId()));
    m.put("title", i.title());
    m.put("workspaceId", String.valueOf(i.workspaceId()));
    m.put("spaceId", String.valueOf(i.spaceId()));
    m.put("spaceName", i.spaceName());
    m.put("unreadCount", i.unreadCount());
    m.put("lastActivityAt", Instant.ofEpochMilli(i.lastActivityAt()).toString());
    m.put("reasons", i.reasons());
    return m;
  }
}
