package dev.longhand.calendar;

import dev.longhand.time.AwayPeriod;
import dev.longhand.time.Interval;
import dev.longhand.time.WorkCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A person's iCalendar feed: their working periods from the start of last week to eight weeks
 * ahead (as concrete UTC events, so DST, away days and holidays are already applied), their away
 * periods and their workspaces' holidays as all-day events. Calendar apps refresh a subscription
 * every few hours; {@code REFRESH-INTERVAL} asks for hourly. Other features add their events
 * ({@link FeedEvents}: sync sessions) here.
 */
final class CalendarFeed {
  static final int WEEKS_AHEAD = 8;
  private static final String DOMAIN = "@longhand";

  private CalendarFeed() {}

  static String render(long accountId, String name, WorkCalendar calendar, List<Holiday> holidays, Instant now) {
    return render(accountId, name, calendar, holidays, now, FeedEvents.NONE);
  }

  static String render(long accountId, String name, WorkCalendar calendar, List<Holiday> holidays, Instant now,
      FeedEvents others) {
    Calendar ics = new Calendar();
    ics.add(new ProdId("-//Longhand//Longhand working time//EN"));
    ics.add(ImmutableVersion.VERSION_2_0);
    ics.add(ImmutableCalScale.GREGORIAN);
    ics.add(new XProperty("X-WR-CALNAME", "Longhand: " + name + "'s working time"));
    ics.add(new XProperty("X-WR-TIMEZONE", calendar.zone().getId()));
    ics.add(new RefreshInterval(new ParameterList(), Duration.ofHours(1)));
    ics.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));

    Instant from = now.atZone(calendar.zone()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .minusWeeks(1).atStartOfDay(calendar.zone()).toInstant();
    Instant to = from.plus(Duration.ofDays(7L * (WEEKS_AHEAD + 1)));
    for (Interval p : calendar.periods(from, to)) {
      VEvent e = event(new VEvent(p.start(), p.end(), "Working hours"), now,
          "work-" + accountId + "-" + p.start().getEpochSecond());
      e.add(ImmutableTransp.TRANSPARENT);
      ics.add(e);
    }
    for (AwayPeriod a : calendar.away()) {
      VEvent e = event(new VEvent(a.from(), a.returns(), a.note().isBlank() ? "Away" : "Away: " + a.note()), now,
          "away-" + accountId + "-" + a.from());
      e.add(new Description("Back on " + a.returns() + "."));
      ics.add(e);
    }
    for (Holiday h : holidays) {
      VEvent e = event(new VEvent(h.day(), h.day().plusDays(1), "Holiday: " + h.name()), now,
          "holiday-" + h.workspaceId() + "-" + h.day());
      e.add(ImmutableTransp.TRANSPARENT);
      ics.add(e);
    }
    for (FeedEvents.Event o : others.events(accountId, from, to)) {
      VEvent e = new VEvent(o.start(), o.end(), o.summary());
      e.replace(new DtStamp(now));
      e.add(new Uid(o.uid()));
      e.add(new Sequence(o.sequence()));
      if (!o.description().isEmpty()) e.add(new Description(o.description()));
      if (!o.url().isEmpty()) e.add(new Url(java.net.URI.create(o.url())));
      ics.add(e);
    }
    return ics.toString();
  }

  private static VEvent event(VEvent e, Instant now, String uid) {
    e.replace(new DtStamp(now));
    e.add(new Uid(uid + DOMAIN));
    return e;
  }
}
