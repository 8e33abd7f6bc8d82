package dev.longhand.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.calendar.CalendarService;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.time.WorkCalendar;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** "Remind me later" through the API and from the thread page. */
public final class ReminderRoutes implements Router.Routes {
  private final Reminders reminders;
  private final CalendarService calendars;
  private final ObjectMapper json;

  public ReminderRoutes(Reminders reminders, CalendarService calendars, ObjectMapper json) {
    this.reminders = reminders;
    this.calendars = calendars;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/threads/{id}/reminders", Access.SIGNED_IN, this::create);
    r.get("/api/v1/reminders", Access.SIGNED_IN, ctx -> ctx.json(new InboxJson.ReminderList(
        reminders.pending(me(ctx)).stream().map(InboxJson.Reminder::of).toList())));
    r.delete("/api/v1/reminders/{id}", Access.SIGNED_IN, ctx -> {
      reminders.cancel(me(ctx), Requests.pathId(ctx, "id", "reminder"));
      ctx.status(204);
    });
    r.post("/threads/{id}/remind", Access.SIGNED_IN, this::createFromPage);
    r.post("/reminders/{id}/cancel", Access.SIGNED_IN, ctx -> {
      reminders.cancel(me(ctx), Requests.pathId(ctx, "id", "reminder"));
      Pages.seeOther(ctx, ("snoozed".equals(ctx.formParam("back")) ? "/inbox/snoozed" : "/inbox")
          + "?notice=Reminder+cancelled%3A+the+thread+stays+read.");
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private void create(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.of(ctx, json);
    var at = in.optionalText("at", 40);
    var after = in.optionalText("in", 20);
    if (at.isPresent() == after.isPresent()) {
      throw Problem.invalid("at", "Give either 'at' (an instant such as 2026-12-01T09:00:00Z) or 'in' (a duration such as PT2H).");
    }
    Instant when = at.isPresent() ? Input.instant("at", at.get()) : calendars.now().plus(Input.duration("in", after.get()));
    ctx.status(201).json(InboxJson.Reminder.of(reminders.remind(me(ctx), thread, when)));
  }

  /** The page offers: in an hour, in three hours, when my next working day starts, or a chosen local time. */
  private void createFromPage(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    String choice = ctx.formParam("when") == null ? "" : ctx.formParam("when");
    Instant now = calendars.now();
    ZoneId zone = Requests.viewer(ctx).zone();
    Instant when = switch (choice) {
      case "1h" -> now.plus(Duration.ofHours(1));
      case "3h" -> now.plus(Duration.ofHours(3));
      case "next-day" -> nextWorkingDay(me(ctx), now, zone);
      case "at" -> {
        try {
          yield LocalDateTime.parse(ctx.formParam("at")).atZone(zone).toInstant();
        } catch (RuntimeException e) {
          throw Problem.invalid("at", "Choose a date and time.");
        }
      }
      default -> throw Problem.invalid("when", "Choose when to be reminded.");
    };
    var r = reminders.remind(me(ctx), thread, when);
    Pages.seeOther(ctx, "/inbox?notice=" + java.net.URLEncoder.encode("“" + r.title() + "” will be back in your inbox "
        + dev.longhand.http.PageContext.format(Instant.ofEpochMilli(r.remindAt()), zone) + ".", java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * When the viewer's next working day starts: later today when today's hours have not begun yet, else on the next
   * day with hours ({@link WorkCalendar#nextDayStart}); tomorrow 09:00 in their zone when they set no hours.
   */
  private Instant nextWorkingDay(long me, Instant now, ZoneId zone) {
    WorkCalendar c = calendars.calendarOf(me);
    Instant tomorrow = now.atZone(c.zone()).toLocalDate().plusDays(1).atStartOfDay(c.zone()).toInstant();
    return c.nextDayStart(now).orElse(tomorrow.plus(Duration.ofHours(9)));
  }
}
