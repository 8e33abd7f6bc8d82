package dev.longhand.inbox;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.Map;

/** The inbox page, the snoozed threads, and the mark read / mark unread forms (on the inbox and on thread pages). */
public final class InboxPages implements Router.Routes {
  private static final Map<String, String> LABELS = Map.of(
      "new_thread", "new thread", "reply", "new replies", "mention", "mentions you", "marked_unread", "marked unread", "reminder", "you asked to be reminded");

  private final InboxService inbox;
  private final Reminders reminders;
  private final Pages pages;

  public InboxPages(InboxService inbox, Reminders reminders, Pages pages) {
    this.inbox = inbox;
    this.reminders = reminders;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/inbox", Access.SIGNED_IN, this::show);
    r.get("/inbox/snoozed", Access.SIGNED_IN, this::snoozed);
    r.post("/threads/{id}/read", Access.SIGNED_IN, this::read);
    r.post("/threads/{id}/unread", Access.SIGNED_IN, this::unread);
  }

  /** How a reason reads on the page. */
  public static String label(String reason) {
    return LABELS.getOrDefault(reason, reason);
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    pages.render(ctx, "inbox/inbox.jte", Map.of("items", inbox.inbox(me, InboxService.DEFAULT_LIMIT),
        "snoozed", reminders.pending(me).size()));
  }

  /** Threads put off with "remind me later", soonest back first, each with when it returns and a way to cancel. */
  private void snoozed(Context ctx) {
    pages.render(ctx, "inbox/snoozed.jte", Map.of("reminders", reminders.pending(Requests.viewer(ctx).accountId())));
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
