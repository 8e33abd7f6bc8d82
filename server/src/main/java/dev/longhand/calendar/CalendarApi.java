package dev.longhand.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.time.FairRotation;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.PersonTime;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** REST handlers for people's time: local status, working-time arithmetic, overlap, away periods, holidays, feeds. */
public final class CalendarApi implements Router.Routes {
  private final CalendarService calendars;
  private final TeamTime team;
  private final ObjectMapper json;
  private final Function<Integer, String> baseUrl;

  public CalendarApi(CalendarService calendars, TeamTime team, ObjectMapper json, Function<Integer, String> baseUrl) {
    this.calendars = calendars;
    this.team = team;
    this.json = json;
    this.baseUrl = baseUrl;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/people/{id}", Access.SIGNED_IN, this::person);
    r.get("/api/v1/people/{id}/working-time", Access.SIGNED_IN, this::workingTime);
    r.get("/api/v1/workspaces/{id}/people", Access.SIGNED_IN, ctx -> people(ctx,
        calendars.workspacePeople(me(ctx), Requests.pathId(ctx, "id", "workspace"))));
    r.get("/api/v1/spaces/{id}/people", Access.SIGNED_IN, ctx -> people(ctx,
        calendars.spacePeople(me(ctx), Requests.pathId(ctx, "id", "space"))));
    r.get("/api/v1/workspaces/{id}/overlap", Access.SIGNED_IN, this::overlap);
    r.get("/api/v1/me/away", Access.SIGNED_IN, ctx -> ctx.json(Map.of("away",
        calendars.away(me(ctx)).stream().map(CalendarApi::away).toList())));
    r.post("/api/v1/me/away", Access.SIGNED_IN, this::addAway);
    r.delete("/api/v1/me/away/{id}", Access.SIGNED_IN, ctx -> {
      calendars.removeAway(me(ctx), Requests.pathId(ctx, "id", "away period"));
      ctx.status(204);
    });
    r.get("/api/v1/workspaces/{id}/holidays", Access.SIGNED_IN, this::holidays);
    r.post("/api/v1/workspaces/{id}/holidays", Access.SIGNED_IN, this::putHoliday);
    r.delete("/api/v1/workspaces/{id}/holidays/{date}", Access.SIGNED_IN, this::removeHoliday);
    r.post("/api/v1/me/calendar-feed", Access.SIGNED_IN, ctx -> {
      String token = calendars.newFeed(me(ctx));
      ctx.status(201).json(Map.of("url", feedUrl(ctx, token)));
    });
    r.delete("/api/v1/me/calendar-feed", Access.SIGNED_IN, ctx -> {
      if (!calendars.revokeFeed(me(ctx))) throw Problem.notFound("calendar feed");
      ctx.status(204);
    });
    r.get("/calendar/{file}", Access.ANYONE, this::feed);
  }

  String feedUrl(Context ctx, String token) {
    return baseUrl.apply(ctx.port()) + "/calendar/" + token + ".ics";
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private void person(Context ctx) {
    ctx.json(person(calendars.person(me(ctx), Requests.pathId(ctx, "id", "person"))));
  }

  private void workingTime(Context ctx) {
    long person = Requests.pathId(ctx, "id", "person");
    ZoneId zone = calendars.visibleCalendar(me(ctx), person).zone();
    Instant from = TimeParams.instant("from", ctx.queryParam("from"), calendars.now());
    var add = TimeParams.present(ctx.queryParam("add"));
    var to = TimeParams.present(ctx.queryParam("to"));
    if (add.isPresent() == to.isPresent()) {
      throw Problem.invalid("add", "Give either 'add' (a working duration such as PT16H) or 'to' (an instant), not both or neither.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("personId", String.valueOf(person));
    body.put("timeZone", zone.getId());
    body.put("from", from.toString());
    if (add.isPresent()) {
      Duration amount = TimeParams.duration("add", add.get());
      Instant due = calendars.addWorking(me(ctx), person, from, amount);
      body.put("add", amount.toString());
      body.put("dueAt", due.toString());
      body.put("dueAtLocal", due.atZone(zone).toOffsetDateTime().toString());
    } else {
      Instant until = TimeParams.instant("to", to.get(), null);
      Duration worked = calendars.workingBetween(me(ctx), person, from, until);
      body.put("to", until.toString());
      body.put("workingTime", worked.toString());
      body.put("workingMinutes", worked.toMinutes());
    }
    ctx.json(body);
  }

  private void people(Context ctx, List<CalendarService.Person> people) {
    ctx.json(Map.of("people", people.stream().map(CalendarApi::person).toList()));
  }

  static Map<String, Object> person(CalendarService.Person p) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", String.valueOf(p.id()));
    v.put("name", p.name());
    v.put("handle", p.handle());
    v.putAll(localTime(p.time()));
    p.away().ifPresent(a -> v.put("away", Map.of("from", a.from().toString(), "returns", a.returns().toString(), "note", a.note())));
    return v;
  }

  static Map<String, Object> localTime(PersonTime t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("timeZone", t.zoneId());
    v.put("localTime", t.localTime());
    v.put("working", t.working());
    v.put("status", t.summary());
    t.changesAt().ifPresent(at -> v.put(t.working() ? "workingUntil" : "nextWorkingAt", at.toString()));
    return v;
  }

  private void overlap(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    var people = team.members(me(ctx), ws, TimeParams.ids("members", ctx.queryParam("members")));
    int days = TimeParams.integer("days", ctx.queryParam("days"), 14, 1, TeamTime.MAX_DAYS);
    int minutes = TimeParams.integer("minutes", ctx.queryParam("minutes"), 30, 15, 480);
    List<OverlapFinder.Member> members = team.withCalendars(people);
    Map<String, ZoneId> zones = new LinkedHashMap<>();
    members.forEach(m -> zones.put(m.id(), m.calendar().zone()));
    List<OverlapFinder.Window> windows = team.overlap(members, days, Duration.ofMinutes(minutes));
    List<FairRotation.RankedSlot> slots = team.suggestions(members, days, Duration.ofMinutes(minutes), 5);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("members", members.stream().map(OverlapFinder.Member::id).toList());
    body.put("everyone", !windows.isEmpty() && windows.get(0).everyone());
    body.put("windows", windows.stream().map(w -> window(w, zones)).toList());
    body.put("suggestedSlots", slots.stream().map(s -> slot(s)).toList());
    ctx.json(body);
  }

  private static Map<String, Object> window(OverlapFinder.Window w, Map<String, ZoneId> zones) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("start", w.interval().start().toString());
    v.put("end", w.interval().end().toString());
    v.put("minutes", w.interval().duration().toMinutes());
    v.put("inside", w.inside());
    v.put("outside", w.outside().stream().map(o -> {
      Map<String, Object> x = new LinkedHashMap<>();
      ZoneId z = zones.get(o.member());
      x.put("member", o.member());
      x.put("localStart", w.interval().start().atZone(z).toLocalDateTime().toString());
      x.put("localEnd", w.interval().end().atZone(z).toLocalDateTime().toString());
      x.put("minutesOutside", o.minutesOutside());
      x.put("minutesFromDay", o.minutesFromDay());
      x.put("position", o.position().name().toLowerCase(java.util.Locale.ROOT));
      return x;
    }).toList());
    return v;
  }

  private static Map<String, Object> slot(FairRotation.RankedSlot s) {
    return Map.of("start", s.slot().start().toString(), "end", s.slot().end().toString(),
        "stretchMinutes", s.stretchMinutes(), "totalStretchMinutes", s.totalStretchMinutes());
  }

  private void addAway(Context ctx) {
    Input in = Input.of(ctx, json);
    LocalDate from = TimeParams.date("from", in.optionalText("from", 10).orElse(null));
    LocalDate returns = TimeParams.date("returns", in.optionalText("returns", 10).orElse(null));
    String note = in.optionalText("note", 200).orElse("");
    ctx.status(201).json(away(calendars.addAway(me(ctx), from, returns, note)));
  }

  static Map<String, Object> away(Away a) {
    return Map.of("id", String.valueOf(a.id()), "from", a.period().from().toString(),
        "returns", a.period().returns().toString(), "note", a.period().note());
  }

  private void holidays(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    ctx.json(Map.of("holidays", calendars.holidays(me(ctx), ws).stream()
        .map(h -> Map.of("date", h.day().toString(), "name", h.name())).toList()));
  }

  private void putHoliday(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Input in = Input.of(ctx, json);
    LocalDate day = TimeParams.date("date", in.optionalText("date", 10).orElse(null));
    String name = in.text("name", 100);
    calendars.putHoliday(me(ctx), ws, day, name);
    ctx.status(201).json(Map.of("date", day.toString(), "name", name));
  }

  private void removeHoliday(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    LocalDate day = TimeParams.holidayIn(ctx);
    calendars.removeHoliday(me(ctx), ws, day);
    ctx.status(204);
  }

  private void feed(Context ctx) {
    String file = ctx.pathParam("file");
    if (!file.endsWith(".ics") || file.length() > 100) throw Problem.notFound("calendar feed");
    String body = calendars.feed(file.substring(0, file.length() - 4));
    ctx.header("Cache-Control", "private, max-age=300");
    ctx.contentType("text/calendar; charset=utf-8").result(body);
  }
}
