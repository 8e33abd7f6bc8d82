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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    r.post("/api/v1/notifications/read", Access.SIGNED_IN, ctx -> ctx.json(Map.of("marked", notifications.markAllRead(me(ctx)))));
    r.post("/api/v1/notifications/{id}/read", Access.SIGNED_IN,
        ctx -> ctx.json(view(notifications.open(me(ctx), Requests.pathId(ctx, "id", "notification")))));
    r.post("/api/v1/notifications/urgent", Access.SIGNED_IN, this::urgent);
    r.get("/api/v1/me/delivery", Access.SIGNED_IN, ctx -> ctx.json(delivery(me(ctx))));
    r.put("/api/v1/me/delivery", Access.SIGNED_IN, this::saveDelivery);
    r.post("/api/v1/me/focus", Access.SIGNED_IN, ctx -> {
      int minutes = minutes(Input.of(ctx, json).optionalText("minutes", 4).orElse(null));
      ctx.json(Map.of("focusUntil", notifications.focusFor(me(ctx), Duration.ofMinutes(minutes)).toString()));
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
      ctx.json(Map.of("urgentPerDay", limit));
    });
    r.get("/api/v1/spaces/{id}/landing", Access.SIGNED_IN, this::landing);
    r.get("/api/v1/digests/{id}", Access.SIGNED_IN, ctx -> {
      var d = digests.digest(me(ctx), Requests.pathId(ctx, "id", "digest")).orElseThrow(() -> Problem.notFound("digest"));
      ctx.json(Map.of("id", String.valueOf(d.id()), "subject", d.subject(), "text", d.text(), "html", d.html(),
          "coversFrom", Instant.ofEpochMilli(d.coversFrom()).toString(), "coversTo", Instant.ofEpochMilli(d.coversTo()).toString()));
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private void centre(Context ctx) {
    var c = notifications.centre(me(ctx));
    ctx.json(Map.of("unread", c.unread(), "delivered", c.delivered().stream().map(NotificationApi::view).toList(),
        "held", c.held().stream().map(NotificationApi::view).toList()));
  }

  static Map<String, Object> view(Notification n) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", String.valueOf(n.id()));
    v.put("level", n.level().key());
    v.put("kind", n.kind());
    v.put("text", n.text());
    if (!n.reason().isEmpty()) v.put("reason", n.reason());
    if (n.threadId() != 0) v.put("threadId", String.valueOf(n.threadId()));
    if (!n.path().isEmpty()) v.put("link", n.path());
    if (n.actorId() != 0) v.put("actor", Map.of("id", String.valueOf(n.actorId()), "name", n.actorName()));
    v.put("createdAt", Instant.ofEpochMilli(n.createdAt()).toString());
    n.deliverAt().ifPresent(t -> v.put("deliverAt", Instant.ofEpochMilli(t).toString()));
    n.deliveredAt().ifPresent(t -> v.put("deliveredAt", Instant.ofEpochMilli(t).toString()));
    v.put("read", n.readAt().isPresent());
    return v;
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
    ctx.json(Map.of("recipients", notifications.landing(me(ctx), space, handles.stream().map(String::strip).toList(), thread)
        .stream().map(l -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("id", String.valueOf(l.accountId()));
          v.put("name", l.name());
          v.put("handle", l.handle());
          v.put("timeZone", l.zone());
          v.put("now", l.now());
          l.at().ifPresent(t -> v.put("landsAt", t.toString()));
          v.put("summary", l.name() + ": " + (l.now() ? "now" : l.at().map(t -> LandingText.when(t, java.time.ZoneId.of(l.zone()), now))
              .orElse("now")));
          return v;
        }).toList()));
  }

  private void urgent(Context ctx) {
    Input in = Input.of(ctx, json);
    long to = id(in, "to", true);
    long thread = id(in, "threadId", false);
    long workspace = id(in, "workspaceId", false);
    if (thread == 0 && workspace == 0) throw Problem.invalid("threadId", "Say what it is about: a 'threadId', or at least a 'workspaceId'.");
    long id = notifications.sendUrgent(new NotificationService.Urgent(me(ctx), to, workspace, thread,
        in.optionalText("reason", 500).orElse("")));
    ctx.status(201).json(Map.of("id", String.valueOf(id)));
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
    ctx.json(Map.of("urgentPerDay", notifications.urgentPerDay(me(ctx), ws), "log", log.stream().map(n -> {
      Map<String, Object> v = new LinkedHashMap<>(view(n));
      v.put("recipientId", String.valueOf(n.recipientId()));
      return v;
    }).toList()));
  }

  Map<String, Object> delivery(long accountId) {
    var s = notifications.settings(accountId);
    DeliveryPolicy policy = notifications.policy(accountId);
    Instant now = Instant.now(notifications.clock());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("digestTimes", s.digestTimes().stream().map(LocalTime::toString).toList());
    v.put("focusBlocks", s.focusBlocks().stream().map(r -> Map.of("day", r.day().name(), "start", r.start().toString(),
        "end", r.end().toString())).toList());
    s.focusUntil().filter(t -> t > now.toEpochMilli()).ifPresent(t -> v.put("focusUntil", Instant.ofEpochMilli(t).toString()));
    v.put("emailDigests", s.emailDigests());
    v.put("emailAvailable", digests.emailEnabled());
    v.put("reachableNow", policy.reachable(now));
    policy.nextReachable(now).ifPresent(t -> v.put("nextReachableAt", t.toString()));
    digests.nextDigest(accountId).ifPresent(t -> v.put("nextDigestAt", t.toString()));
    return v;
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
