package dev.longhand.calendar;

import dev.longhand.account.Account;
import dev.longhand.account.AccountService;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.PersonTime;
import dev.longhand.time.WorkingRange;
import dev.longhand.time.ZoneNames;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Pages for one's own time (zone, hours, away periods, calendar feed) and for a team's time together. */
public final class TimePages implements Router.Routes {

  static final List<Integer> DAY_CHOICES = List.of(1, 3, 7, 14);

  private final CalendarService calendars;
  private final TeamTime team;
  private final AccountService accounts;
  private final WorkspaceService workspaces;
  private final Pages pages;
  private final CalendarApi api;

  public TimePages(CalendarService calendars, TeamTime team, AccountService accounts, WorkspaceService workspaces,
      Pages pages, CalendarApi api) {
    this.calendars = calendars;
    this.team = team;
    this.accounts = accounts;
    this.workspaces = workspaces;
    this.pages = pages;
    this.api = api;
  }

  @Override
  public void register(Router r) {
    r.get("/me/time", Access.SIGNED_IN, ctx -> showMyTime(ctx, new HashMap<>()));
    r.post("/me/schedule", Access.SIGNED_IN, this::saveSchedule);
    r.post("/me/away", Access.SIGNED_IN, this::addAway);
    r.post("/me/away/{id}/remove", Access.SIGNED_IN, ctx -> {
      calendars.removeAway(me(ctx), Requests.pathId(ctx, "id", "away period"));
      Pages.seeOther(ctx, "/me/time?notice=Away+period+removed.#away");
    });
    r.post("/me/calendar-feed", Access.SIGNED_IN, ctx -> {
      Map<String, Object> model = new HashMap<>();
      model.put("newFeedUrl", api.feedUrl(ctx, calendars.newFeed(me(ctx))));
      showMyTime(ctx, model);
    });
    r.post("/me/calendar-feed/revoke", Access.SIGNED_IN, ctx -> {
      calendars.revokeFeed(me(ctx));
      Pages.seeOther(ctx, "/me/time?notice=Your+calendar+feed+address+no+longer+works.#feed");
    });
    r.get("/workspaces/{id}/time", Access.SIGNED_IN, this::workspaceTime);
    r.get("/spaces/{id}/time", Access.SIGNED_IN, this::spaceTime);
    r.post("/workspaces/{id}/holidays", Access.SIGNED_IN, this::addHoliday);
    r.post("/workspaces/{id}/holidays/{date}/remove", Access.SIGNED_IN, this::removeHoliday);
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  // One's own time

  private void showMyTime(Context ctx, Map<String, Object> model) {
    long me = me(ctx);
    Account.WithSchedule account = accounts.account(me);
    model.put("me", account);
    model.put("now", calendars.of(List.of(me)).get(me));
    model.putIfAbsent("hoursByDay", hoursByDay(account.workingHours()));
    model.putIfAbsent("timeZone", account.account().zone().getId());
    model.put("zones", ZoneNames.all());
    model.put("away", calendars.away(me));
    model.put("holidays", calendars.holidaysOf(me));
    model.put("feedCreatedAt", calendars.feedCreatedAt(me).orElse(0L));
    model.put("today", calendars.now().atZone(account.account().zone()).toLocalDate().toString());
    pages.render(ctx, "calendar/mytime.jte", model);
  }

  private void saveSchedule(Context ctx) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) typed.put(day.name(), form(ctx, "hours_" + day.name()));
    try {
      List<WorkingRange> ranges = new ArrayList<>();
      for (DayOfWeek day : DayOfWeek.values()) ranges.addAll(parseDay(day, typed.get(day.name())));
      String typedZone = form(ctx, "timeZone").strip(); // a zone id, or a city ("Lisbon", "Bengaluru") the list names
      ZoneId zone = ZoneNames.find(typedZone).orElseThrow(() -> Problem.invalid("timeZone", (typedZone.isEmpty() ? "Choose your time zone."
          : "No time zone found for '" + typedZone + "'.") + " Type a city, such as Lisbon, Seoul or Denver, and pick it from the list."));
      accounts.updateSchedule(me(ctx), new AccountService.Schedule(zone.getId(), ranges));
      Pages.seeOther(ctx, "/me/time?notice=Your+time+is+saved.");
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status());
      Map<String, Object> model = new HashMap<>();
      model.put("scheduleError", p.detail());
      model.put("hoursByDay", typed);
      model.put("timeZone", form(ctx, "timeZone"));
      showMyTime(ctx, model);
    }
  }

  private void addAway(Context ctx) {
    Input in = Input.ofForm(ctx);
    try {
      LocalDate from = TimeParams.date("from", in.optionalText("from", 10).orElse(null));
      LocalDate returns = TimeParams.date("returns", in.optionalText("returns", 10).orElse(null));
      calendars.addAway(me(ctx), from, returns, in.optionalText("note", 200).orElse(""));
      Pages.seeOther(ctx, "/me/time?notice=Away+period+added.#away");
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status());
      Map<String, Object> model = new HashMap<>();
      model.put("awayError", p.detail());
      showMyTime(ctx, model);
    }
  }

  static List<WorkingRange> parseDay(DayOfWeek day, String text) {
    List<WorkingRange> out = new ArrayList<>();
    if (text == null || text.isBlank()) return out;
    for (String part : text.split(",")) {
      String[] ends = part.strip().split("\\s*-\\s*");
      try {
        if (ends.length != 2 || !ends[0].matches("\\d{2}:\\d{2}") || !ends[1].matches("\\d{2}:\\d{2}")) {
          throw new IllegalArgumentException();
        }
        out.add(new WorkingRange(day, LocalTime.parse(ends[0]), LocalTime.parse(ends[1])));
      } catch (RuntimeException e) {
        throw Problem.invalid("hours_" + day.name(), "Working hours on " + dayName(day) + " must look like 09:00-17:00, not '"
            + part.strip() + "'.");
      }
    }
    return out;
  }

  static Map<String, String> hoursByDay(List<WorkingRange> ranges) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      out.put(d.name(), ranges.stream().filter(r -> r.day() == d).map(r -> r.start() + "-" + r.end())
          .collect(Collectors.joining(", ")));
    }
    return out;
  }

  static String dayName(DayOfWeek d) {
    return d.name().charAt(0) + d.name().substring(1).toLowerCase();
  }

  private static String form(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v;
  }

  // A team's time together

  private void workspaceTime(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Workspace.Membership membership = workspaces.accessWorkspace(me(ctx), ws);
    List<Workspace.Member> members = workspaces.members(me(ctx), ws);
    Map<String, Object> model = new HashMap<>();
    model.put("holidays", calendars.holidays(me(ctx), ws));
    model.put("workspaceId", ws);
    model.put("admin", Permissions.can(membership.role(), Action.MANAGE_HOLIDAYS));
    renderTeam(ctx, model, "Team time: " + membership.workspace().name(), "/workspaces/" + ws, membership.workspace().name(),
        members);
  }

  private void spaceTime(Context ctx) {
    long spaceId = Requests.pathId(ctx, "id", "space");
    Space.Access access = workspaces.accessSpace(me(ctx), spaceId);
    Map<String, Object> model = new HashMap<>();
    model.put("workspaceId", access.space().workspaceId());
    renderTeam(ctx, model, "Team time: " + access.space().name(), "/spaces/" + spaceId, access.space().name(),
        workspaces.spaceReaders(me(ctx), spaceId));
  }

  private void renderTeam(Context ctx, Map<String, Object> model, String title, String back, String backLabel,
      List<Workspace.Member> members) {
    int days = TimeParams.integer("days", ctx.queryParam("days"), 3, 1, 14);
    ZoneId reader = Requests.viewer(ctx).zone();
    List<OverlapFinder.Member> withCalendars = team.withCalendars(members);
    Map<String, ZoneId> zones = new HashMap<>();
    withCalendars.forEach(m -> zones.put(m.id(), m.calendar().zone()));
    Map<Long, PersonTime> times = new HashMap<>();
    var now = calendars.now();
    withCalendars.forEach(m -> times.put(Long.parseLong(m.id()), PersonTime.of(m.calendar(), now)));
    Duration half = Duration.ofMinutes(30);
    model.put("view", TeamTimeView.of(title, back, backLabel, reader, days, now, members, times,
        team.bands(withCalendars, reader, days), team.overlap(withCalendars, 14, half),
        team.suggestions(withCalendars, 14, half, 3), zones));
    model.put("dayChoices", DAY_CHOICES);
    model.putIfAbsent("holidays", List.of());
    model.putIfAbsent("admin", false);
    pages.render(ctx, "calendar/team.jte", model);
  }

  private void addHoliday(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Input in = Input.ofForm(ctx);
    LocalDate day = TimeParams.date("date", in.optionalText("date", 10).orElse(null));
    calendars.putHoliday(me(ctx), ws, day, in.text("name", 100));
    Pages.seeOther(ctx, "/workspaces/" + ws + "/time?notice=Holiday+saved.#holidays");
  }

  private void removeHoliday(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    LocalDate day = TimeParams.holidayIn(ctx);
    calendars.removeHoliday(me(ctx), ws, day);
    Pages.seeOther(ctx, "/workspaces/" + ws + "/time?notice=Holiday+removed.#holidays");
  }
}
