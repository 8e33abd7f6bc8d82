package dev.longhand.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import dev.longhand.time.DeliveryPolicy;
import dev.longhand.time.WorkingRange;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** REST handlers: the notification centre, urgent notifications, delivery settings and focus, digests. */
public final class NotificationApi implements Router.Routes {
  private final NotificationService notifications;
  private final Digests digests;
  private final ObjectMapper json;

  public NotificationApi(NotificationService notifications, Digests digests, ObjectMapper json) {
    this.notifications = notifications;
    this.digests = digests;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/notifications", Access.SIGNED_IN, this::centre);
    r.post("/api/v1/notifications/read", Access.SIGNED_IN, ctx -> ctx.json(new NotificationJson.Marked(notifications.markAllRead(me(ctx)))));
    r.post("/api/v1/notifications/{id}/read", Access.SIGNED_IN,
        ctx -> ctx.json(NotificationJson.View.of(notifications.open(me(ctx), Requests.pathId(ctx, "id", "notification")))));
    r.post("/api/v1/notifications/urgent", Access.SIGNED_IN, this::urgent);
    r.get("/api/v1/me/delivery", Access.SIGNED_IN, ctx -> ctx.json(delivery(me(ctx))));
    r.put("/api/v1/me/delivery", Access.SIGNED_IN, this::saveDelivery);
    r.post("/api/v1/me/focus", Access.SIGNED_IN, ctx -> {
      int minutes = minutes(Input.of(ctx, json).optionalText("minutes", 4).orElse(null));
      ctx.json(new NotificationJson.Focus(notifications.focusFor(me(ctx), Duration.ofMinutes(minutes)).toString()));
    });
    r.delete("/api/v1/me/focus", Access.SIGNED_IN, ctx -> {
      notifications.endFocus(me(ctx));
      ctx.status(204);
    });
    r.get("/api/v1/workspaces/{id}/urgent", Access.SIGNED_IN, this::urgentLog);
    r.put("/api/v1/workspaces/{id}/urgent", Access.SIGNED_IN, ctx -> {
      long ws = Requests.pathId(ctx, "id", "workspace");
      int limit = whole("urgentPerDay", Input.of(ctx, json).optionalText("urgentPerDay", 4).orElse(null));
      notifications.setUrgentPerDay(me(ctx), ws, limit);
      ctx.json(new NotificationJson.UrgentLimit(limit));
    });
    r.get("/api/v1/spaces/{id}/landing", Access.SIGNED_IN, this::landing);
    r.get("/api/v1/digests/{id}", Access.SIGNED_IN, ctx -> {
      var d = digests.digest(me(ctx), Requests.pathId(ctx, "id", "digest")).orElseThrow(() -> Problem.notFound("digest"));
      ctx.json(new NotificationJson.Digest(String.valueOf(d.id()), d.subject(), d.text(), d.html(),
          NotificationJson.instant(d.coversFrom()), NotificationJson.instant(d.coversTo())));
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private void centre(Context ctx) {
    var c = notifications.centre(me(ctx));
    ctx.json(new NotificationJson.Centre(c.unread(), c.delivered().stream().map(NotificationJson.View::of).toList(),
        c.held().stream().map(NotificationJson.View::of).toList()));
  }

  private void landing(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    String raw = ctx.queryParam("handles");
    List<String> handles = raw == null || raw.isBlank() ? List.of() : List.of(raw.split(","));
    if (handles.size() > 50) throw Problem.invalid("handles", "At most 50 handles.");
    long thread = 0;
    if (ctx.queryParam("thread") != null && !ctx.queryParam("thread").isBlank()) {
      thread = Ids.parse(ctx.queryParam("thread"));
      if (thread < 0) throw Problem.invalid("thread", "'thread' must be a thread id.");
    }
    Instant now = notifications.clock().instant();
    ctx.json(new NotificationJson.Recipients(notifications.landings().of(me(ctx), space, handles.stream().map(String::strip).toList(), thread)
        .stream().map(l -> new NotificationJson.Recipient(String.valueOf(l.accountId()), l.name(), l.handle(), l.zone(), l.now(),
            l.at().map(Instant::toString).orElse(null),
            l.name() + ": " + (l.now() ? "now" : l.at().map(t -> LandingText.when(t, java.time.ZoneId.of(l.zone()), now))
                .orElse("now"))))
        .toList()));
  }

  private void urgent(Context ctx) {
    Input in = Input.of(ctx, json);
    long to = id(in, "to", true);
    long thread = id(in, "threadId", false);
    long workspace = id(in, "workspaceId", false);
    if (thread == 0 && workspace == 0) throw Problem.invalid("threadId", "Say what it is about: a 'threadId', or at least a 'workspaceId'.");
    long id = notifications.sendUrgent(new NotificationService.Urgent(me(ctx), to, workspace, thread,
        in.optionalText("reason", 500).orElse("")));
    ctx.status(201).json(new NotificationJson.Sent(String.valueOf(id)));
  }

  private static long id(Input in, String field, boolean required) {
    var raw = in.optionalText(field, 24);
    if (raw.isEmpty()) {
      if (required) throw Problem.invalid(field, "'" + field + "' is required.");
      return 0;
    }
    long id = Ids.parse(raw.get());
    if (id < 0) throw Problem.invalid(field, "'" + field + "' must be an id.");
    return id;
  }

  private void urgentLog(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    var log = notifications.urgentLog(me(ctx), ws);
    ctx.json(new NotificationJson.UrgentLog(notifications.urgentPerDay(me(ctx), ws),
        log.stream().map(n -> NotificationJson.View.of(n, String.valueOf(n.recipientId()))).toList()));
  }

  NotificationJson.Delivery delivery(long accountId) {
    var s = notifications.settings(accountId);
    DeliveryPolicy policy = notifications.policy(accountId);
    Instant now = Instant.now(notifications.clock());
    return new NotificationJson.Delivery(s.digestTimes().stream().map(LocalTime::toString).toList(),
        s.focusBlocks().stream().map(r -> new NotificationJson.Block(r.day().name(), r.start().toString(), r.end().toString())).toList(),
        s.focusUntil().filter(t -> t > now.toEpochMilli()).map(NotificationJson::instant).orElse(null),
        s.emailDigests(), digests.emailEnabled(), policy.reachable(now),
        policy.nextReachable(now).map(Instant::toString).orElse(null),
        digests.nextDigest(accountId).map(Object::toString).orElse(null));
  }

  private void saveDelivery(Context ctx) {
    Input in = Input.of(ctx, json);
    List<LocalTime> times = new ArrayList<>();
    for (String t : in.strings("digestTimes")) times.add(time("digestTimes", t));
    List<WorkingRange> blocks = new ArrayList<>();
    for (Input b : in.objects("focusBlocks")) {
      DayOfWeek day;
      try {
        day = DayOfWeek.valueOf(b.text("day", 10).toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("focusBlocks", "A focus block's 'day' is a weekday such as MONDAY.");
      }
      LocalTime start = time("focusBlocks", b.text("start", 5));
      LocalTime end = time("focusBlocks", b.text("end", 5));
      if (start.equals(end)) throw Problem.invalid("focusBlocks", "A focus block cannot start and end at the same time.");
      blocks.add(new WorkingRange(day, start, end));
    }
    boolean email = in.optionalText("emailDigests", 5).map(Boolean::parseBoolean).orElse(true);
    notifications.saveSettings(me(ctx), times, blocks, email, digests);
    ctx.json(delivery(me(ctx)));
  }

  static LocalTime time(String field, String raw) {
    if (raw == null || !raw.strip().matches("\\d{2}:\\d{2}")) {
      throw Problem.invalid(field, "'" + field + "' takes times of day such as 09:00, not '" + raw + "'.");
    }
    try {
      return LocalTime.parse(raw.strip());
    } catch (RuntimeException e) {
      throw Problem.invalid(field, "'" + field + "' takes times of day such as 09:00, not '" + raw + "'.");
    }
  }

  static int minutes(String raw) {
    return whole("minutes", raw);
  }

  static int whole(String field, String raw) {
    try {
      return Integer.parseInt(raw == null ? "" : raw.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid(field, "'" + field + "' must be a whole number.");
    }
  }
}
