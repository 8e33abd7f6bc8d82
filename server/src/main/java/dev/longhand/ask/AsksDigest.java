package dev.longhand.ask;

import dev.longhand.calendar.CalendarService;
import dev.longhand.notify.DigestSource;
import dev.longhand.time.WorkCalendar;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The digest section "Asks waiting on you": every ask still open for the person, whatever the digest's period,
 * overdue ones first and then by deadline, each with its deadline in their own zone. Only asks in spaces they may
 * still read.
 */
public final class AsksDigest implements DigestSource {
  static final int MAX_LINES = 20;

  private final CalendarService calendars;
  private final AskStore store = new AskStore();

  public AsksDigest(CalendarService calendars) {
    this.calendars = calendars;
  }

  @Override
  public String heading() {
    return "Asks waiting on you";
  }

  @Override
  public String summary(List<Line> lines) {
    return DigestSource.count(lines.size(), "ask waiting on you", "asks waiting on you");
  }

  /** Asks stay in digests while open, whenever they were made: quiet only when no ask is open at all. */
  @Override
  public boolean quietBetween(Handle h, Instant since, Instant now) {
    return !store.anyOpen(h);
  }

  @Override
  public List<Line> linesFor(Handle h, long accountId, Instant since, Instant now) {
    List<Ask.Row> rows = store.open(h, accountId, true, MAX_LINES);
    if (rows.isEmpty()) return List.of();
    Map<Long, WorkCalendar> cals = calendars.calendars(h, List.of(accountId));
    ZoneId zone = Optional.ofNullable(cals.get(accountId)).map(WorkCalendar::zone).orElse(ZoneId.of("UTC"));
    List<Line> lines = new ArrayList<>();
    for (Ask.Row r : rows) {
      Ask a = r.ask();
      boolean overdue = now.toEpochMilli() > a.dueAt();
      lines.add(new Line("“" + r.threadTitle() + "” from " + r.asker().name() + (overdue ? ": overdue since " : ": due ")
          + AskViews.at(a.dueAt(), zone), a.path()));
    }
    return lines;
  }
}
