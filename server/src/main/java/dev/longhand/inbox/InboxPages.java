package dev.longhand.inbox;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.Map;

/** The inbox page, and the mark read / mark unread forms (on the inbox and on thread pages). */
public final class InboxPages implements Router.Routes {
  private static final Map<String, String> LABELS = Map.of(
      "new_thread", "new thread", "reply", "new replies", "mention", "mentions you", "marked_unread", "marked unread", "reminder", "you asked to be reminded");

  private final InboxService inbox;
  private final Pages pages;

  public InboxPages(InboxService inbox, Pages pages) {
    this.inbox = inbox;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/inbox", Access.SIGNED_IN, this::show);
    r.post("/threads/{id}/read", Access.SIGNED_IN, this::read);
    r.post("/threads/{id}/unread", Access.SIGNED_IN, this::unread);
  }

  /** How a reason reads on the page. */
  public static String label(String reason) {
    return LABELS.getOrDefault(reason, reason);
  }

  private void show(Context ctx) {
    pages.render(ctx, "inbox/inbox.jte", Map.of("items", inbox.inbox(Requests.viewer(ctx).accountId(), InboxService.DEFAULT_LIMIT)));
  }

  private void read(Context ctx) {
    inbox.markRead(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    Pages.seeOther(ctx, "/inbox?notice=Marked+read.");
  }

  private void unread(Context ctx) {
    inbox.markUnread(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    Pages.seeOther(ctx, "/inbox?notice=Marked+unread.");
  }
}
