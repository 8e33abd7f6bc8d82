package dev.longhand.notify;

import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import dev.longhand.time.DeliveryPolicy;
import dev.longhand.time.WorkingRange;
import dev.longhand.workspace.WorkspaceService;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Pages: the notification centre, a digest, delivery settings and focus, urgent notifications and their log. */
public final class NotificationPages implements Router.Routes {
  static final List<Integer> FOCUS_CHOICES = List.of(30, 60, 120, 240);

  private final NotificationService notifications;
  private final Digests digests;
  private final WorkspaceService workspaces;
  private final Pages pages;

  public NotificationPages(NotificationService notifications, Digests digests, WorkspaceService workspaces, Pages pages) {
    this.notifications = notifications;
    this.digests = digests;
    this.workspaces = workspaces;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/notifications", Access.SIGNED_IN, this::centre);
    r.post("/notifications/read", Access.SIGNED_IN, ctx -> {
      notifications.markAllRead(me(ctx));
      Pages.seeOther(ctx, "/notifications");
    });
    // Opening one from the centre is a small form: a GET changes nothing (links are prefetched, crawled, replayed).
    r.post("/notifications/{id}/open", Access.SIGNED_IN, ctx -> {
      Notification n = notifications.open(me(ctx), Requests.pathId(ctx, "id", "notification"));
      Pages.seeOther(ctx, n.path().isEmpty() ? "/notifications" : n.path());
    });
    r.get("/notifications/{id}", Access.SIGNED_IN, ctx -> {
      Notification n = notifications.one(me(ctx), Requests.pathId(ctx, "id", "notification"))
          .orElseThrow(() -> Problem.notFound("notification"));
      Pages.seeOther(ctx, n.path().isEmpty() ? "/notifications" : n.path());
    });
    r.get("/digests/{id}", Access.SIGNED_IN, ctx -> {
      var d = digests.digest(me(ctx), Requests.pathId(ctx, "id", "digest")).orElseThrow(() -> Problem.notFound("digest"));
      pages.render(ctx, "notify/digest.jte", Map.of("digest", d));
    });
    r.get("/me/notifications", Access.SIGNED_IN, ctx -> settings(ctx, new HashMap<>()));
    r.post("/me/notifications", Access.SIGNED_IN, this::saveSettings);
    r.post("/me/focus", Access.SIGNED_IN, ctx -> {
      int minutes = NotificationApi.minutes(ctx.formParam("minutes"));
      notifications.focusFor(me(ctx), Duration.ofMinutes(minutes));
      Pages.seeOther(ctx, "/me/notifications?notice=Focus+on.+Only+urgent+notifications+reach+you+until+it+ends.");
    });
    r.post("/me/focus/end", Access.SIGNED_IN, ctx -> {
      notifications.endFocus(me(ctx));
      Pages.seeOther(ctx, "/me/notifications?notice=Focus+ended.");
    });
    r.post("/threads/{id}/urgent", Access.SIGNED_IN, this::urgent);
    r.get("/workspaces/{id}/urgent", Access.SIGNED_IN, this::urgentLog);
    r.post("/workspaces/{id}/urgent", Access.SIGNED_IN, ctx -> {
      long ws = Requests.pathId(ctx, "id", "workspace");
      notifications.setUrgentPerDay(me(ctx), ws, NotificationApi.whole("urgentPerDay", ctx.formParam("urgentPerDay")));
      Pages.seeOther(ctx, "/workspaces/" + ws + "/urgent?notice=Saved.");
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private void centre(Context ctx) {
    long me = me(ctx);
    pages.render(ctx, "notify/centre.jte", Map.of("centre", notifications.centre(me), "entries", notifications.entries(me),
        "digests", digests.recent(me, 10)));
  }

  private void settings(Context ctx, Map<String, Object> model) {
    long me = me(ctx);
    var s = notifications.settings(me);
    DeliveryPolicy policy = notifications.policy(me);
    Instant now = notifications.clock().instant();
    model.putIfAbsent("digestTimes", s.digestTimes().stream().map(LocalTime::toString).collect(Collectors.joining(", ")));
    model.putIfAbsent("focusByDay", byDay(s.focusBlocks()));
    model.put("emailDigests", s.emailDigests());
    model.put("emailAvailable", digests.emailEnabled());
    model.put("inFocus", policy.inFocus(now));
    model.put("focusUntil", s.focusUntil().filter(t -> t > now.toEpochMilli()).orElse(0L));
    model.put("reachable", policy.reachable(now));
    model.put("nextReachable", policy.nextReachable(now).map(Instant::toEpochMilli).orElse(0L));
    model.put("nextDigest", digests.nextDigest(me).map(Instant::toEpochMilli).orElse(0L));
    model.put("focusChoices", FOCUS_CHOICES);
    pages.render(ctx, "notify/settings.jte", model);
  }

  private void saveSettings(Context ctx) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) typed.put(d.name(), orEmpty(ctx.formParam("focus_" + d.name())));
    String times = orEmpty(ctx.formParam("digestTimes"));
    try {
      List<LocalTime> digestTimes = new ArrayList<>();
      for (String t : times.split(",")) if (!t.isBlank()) digestTimes.add(NotificationApi.time("digestTimes", t));
      List<WorkingRange> blocks = new ArrayList<>();
      for (DayOfWeek d : DayOfWeek.values()) blocks.addAll(ranges(d, typed.get(d.name())));
      notifications.saveSettings(me(ctx), digestTimes, blocks, ctx.formParam("emailDigests") != null, digests);
      Pages.seeOther(ctx, "/me/notifications?notice=Saved.");
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status());
      Map<String, Object> model = new HashMap<>();
      model.put("error", p.detail());
      model.put("digestTimes", times);
      model.put("focusByDay", typed);
      settings(ctx, model);
    }
  }

  private static List<WorkingRange> ranges(DayOfWeek day, String text) {
    List<WorkingRange> out = new ArrayList<>();
    if (text == null || text.isBlank()) return out;
    for (String part : text.split(",")) {
      String[] ends = part.strip().split("\\s*-\\s*");
      try {
        if (ends.length != 2) throw new IllegalArgumentException();
        out.add(new WorkingRange(day, NotificationApi.time("focus", ends[0]), NotificationApi.time("focus", ends[1])));
      } catch (RuntimeException e) {
        throw Problem.invalid("focus_" + day.name(), "Focus on " + day.name().charAt(0) + day.name().substring(1).toLowerCase()
            + " must look like 09:00-11:00, not '" + part.strip() + "'.");
      }
    }
    return out;
  }

  private static Map<String, String> byDay(List<WorkingRange> ranges) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      out.put(d.name(), ranges.stream().filter(r -> r.day() == d).map(r -> r.start() + "-" + r.end()).collect(Collectors.joining(", ")));
    }
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private void urgent(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.ofForm(ctx);
    long to = Ids.parse(in.optionalText("to", 24).orElse(""));
    if (to < 0) throw Problem.invalid("to", "Choose who to interrupt.");
    notifications.sendUrgent(new NotificationService.Urgent(me(ctx), to, 0, thread, in.optionalText("reason", 500).orElse("")));
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=Urgent+notification+sent.+It+reaches+them+now%2C+with+your+reason.");
  }

  private void urgentLog(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    var membership = workspaces.accessWorkspace(me(ctx), ws);
    var log = notifications.urgentLog(me(ctx), ws);
    Map<Long, String> names = workspaces.members(me(ctx), ws).stream()
        .collect(Collectors.toMap(m -> m.accountId(), m -> m.name(), (a, b) -> a));
    Map<String, Long> bySender = log.stream().collect(Collectors.groupingBy(Notification::actorName, LinkedHashMap::new, Collectors.counting()));
    pages.render(ctx, "notify/urgent.jte", Map.of("workspace", membership.workspace(), "log", log, "names", names,
        "bySender", bySender, "urgentPerDay", notifications.urgentPerDay(me(ctx), ws)));
  }
}
