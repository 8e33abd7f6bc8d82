package dev.longhand.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.time.FairRotation;
import dev.longhand.time.OverlapFinder;
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
    r.get("/api/v1/me/away", Access.SIGNED_IN, ctx -> ctx.json(new CalendarJson.AwayList(
        calendars.away(me(ctx)).stream().map(CalendarJson.AwayPeriod::of).toList())));
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
      ctx.status(201).json(new CalendarJson.Feed(feedUrl(ctx, token)));
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
    ctx.json(CalendarJson.Person.of(calendars.person(me(ctx), Requests.pathId(ctx, "id", "person"))));
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
    if (add.isPresent()) {
      Duration amount = TimeParams.duration("add", add.get());
      Instant due = calendars.addWorking(me(ctx), person, from, amount);
      ctx.json(new CalendarJson.WorkingTime(String.valueOf(person), zone.getId(), from.toString(), amount.toString(),
          due.toString(), due.atZone(zone).toOffsetDateTime().toString(), null, null, null));
      return;
    }
    Instant until = TimeParams.instant("to", to.get(), null);
    Duration worked = calendars.workingBetween(me(ctx), person, from, until);
    ctx.json(new CalendarJson.WorkingTime(String.valueOf(person), zone.getId(), from.toString(), null, null, null,
        until.toString(), worked.toString(), worked.toMinutes()));
  }

  private void people(Context ctx, List<CalendarService.Person> people) {
    ctx.json(new CalendarJson.People(people.stream().map(CalendarJson.Person::of).toList()));
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
    ctx.json(new CalendarJson.Overlap(members.stream().map(OverlapFinder.Member::id).toList(),
        !windows.isEmpty() && windows.get(0).everyone(), windows.stream().map(w -> window(w, zones)).toList(),
        slots.stream().map(s -> new CalendarJson.Slot(s.slot().start().toString(), s.slot().end().toString(),
            s.stretchMinutes(), s.totalStretchMinutes())).toList()));
  }

  private static CalendarJson.Window window(OverlapFinder.Window w, Map<String, ZoneId> zones) {
    return new CalendarJson.Window(w.interval().start().toString(), w.interval().end().toString(),
        w.interval().duration().toMinutes(), w.inside(), w.outside().stream().map(o -> {
          ZoneId z = zones.get(o.member());
          return new CalendarJson.Outside(o.member(), w.interval().start().atZone(z).toLocalDateTime().toString(),
              w.interval().end().atZone(z).toLocalDateTime().toString(), o.minutesOutside(), o.minutesFromDay(),
              o.position().name().toLowerCase(java.util.Locale.ROOT));
        }).toList());
  }

  private void addAway(Context ctx) {
    Input in = Input.of(ctx, json);
    LocalDate from = TimeParams.date("from", in.optionalText("from", 10).orElse(null));
    LocalDate returns = TimeParams.date("returns", in.optionalText("returns", 10).orElse(null));
    String note = in.optionalText("note", 200).orElse("");
    ctx.status(201).json(CalendarJson.AwayPeriod.of(calendars.addAway(me(ctx), from, returns, note)));
  }

  private void holidays(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    ctx.json(new CalendarJson.Holidays(calendars.holidays(me(ctx), ws).stream()
        .map(h -> new CalendarJson.Holiday(h.day().toString(), h.name())).toList()));
  }

  private void putHoliday(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Input in = Input.of(ctx, json);
    LocalDate day = TimeParams.date("date", in.optionalText("date", 10).orElse(null));
    String name = in.text("name", 100);
    calendars.putHoliday(me(ctx), ws, day, name);
    ctx.status(201).json(new CalendarJson.Holiday(day.toString(), name));
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
