package dev.longhand.calendar;

import dev.longhand.time.FairRotation;
import dev.longhand.time.Interval;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.PersonTime;
import dev.longhand.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The team-time page's model, already in the reader's words and zone: day bands as percentages,
 * overlap windows and suggested slots as sentences. Templates only lay it out.
 */
public record TeamTimeView(String title, String backUrl, String backLabel, String zone, int days, List<Row> people,
    List<DayBand> bands, List<String> windows, boolean everyone, List<String> suggestions) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /** A member and their local time now. */
  public record Row(String id, String name, PersonTime time) {}

  /** A segment of a band: where it starts and how wide it is, in percent of the reader's day. */
  public record Segment(double left, double width, String label) {}

  public record Lane(String name, List<Segment> segments) {}

  public record DayBand(String label, boolean today, Double nowAt, List<Segment> everyone, List<Lane> lanes) {}

  static TeamTimeView of(String title, String backUrl, String backLabel, ZoneId reader, int days, Instant now,
      List<Workspace.Member> members, Map<Long, PersonTime> times, List<TeamTime.Day> bands,
      List<OverlapFinder.Window> windows, List<FairRotation.RankedSlot> slots, Map<String, ZoneId> zones) {
    Map<String, String> names = members.stream().collect(Collectors.toMap(m -> String.valueOf(m.accountId()),
        Workspace.Member::name, (a, b) -> a));
    List<Row> rows = members.stream().filter(m -> times.containsKey(m.accountId()))
        .map(m -> new Row(String.valueOf(m.accountId()), m.name(), times.get(m.accountId()))).toList();
    List<DayBand> dayBands = new ArrayList<>();
    for (TeamTime.Day d : bands) {
      List<Lane> lanes = new ArrayList<>();
      d.periods().forEach((id, periods) -> lanes.add(new Lane(names.getOrDefault(id, id), segments(d.span(), periods, reader))));
      Double nowAt = d.span().contains(now) ? percent(d.span(), now) : null;
      dayBands.add(new DayBand(DAY.format(d.date()), nowAt != null, nowAt, segments(d.span(), d.everyone(), reader), lanes));
    }
    boolean everyone = !windows.isEmpty() && windows.get(0).everyone();
    // A "window" of one person is just their day: only show windows that bring people together.
    List<String> windowLines = windows.stream().filter(w -> w.everyone() || w.inside().size() >= 2).limit(6)
        .map(w -> window(w, reader, names, zones)).toList();
    List<String> slotLines = slots.stream().map(s -> slot(s, reader, names, zones)).toList();
    return new TeamTimeView(title, backUrl, backLabel, reader.getId(), days, rows, dayBands, windowLines, everyone, slotLines);
  }

  private static List<Segment> segments(Interval span, List<Interval> periods, ZoneId reader) {
    List<Segment> out = new ArrayList<>();
    for (Interval p : periods) {
      double left = percent(span, p.start());
      double width = Math.max(0.4, percent(span, p.end()) - left);
      out.add(new Segment(left, width, range(p, reader)));
    }
    return out;
  }

  private static double percent(Interval span, Instant t) {
    double total = span.duration().toMillis();
    return Math.round(Duration.between(span.start(), t).toMillis() / total * 10000) / 100.0;
  }

  static String range(Interval i, ZoneId zone) {
    return HOUR.format(i.start().atZone(zone)) + "–" + HOUR.format(i.end().atZone(zone));
  }

  static String length(Duration d) {
    long h = d.toHours();
    long m = d.toMinutesPart();
    if (h == 0) return m + " min";
    return m == 0 ? h + " h" : h + " h " + m + " min";
  }

  private static String when(Interval i, ZoneId reader) {
    ZonedDateTime start = i.start().atZone(reader);
    return DAY.format(start) + ", " + range(i, reader);
  }

  private static String window(OverlapFinder.Window w, ZoneId reader, Map<String, String> names, Map<String, ZoneId> zones) {
    StringBuilder s = new StringBuilder(when(w.interval(), reader)).append(" · ").append(length(w.interval().duration()));
    if (w.everyone()) return s.append(" · everyone").toString();
    s.append(" · ").append(w.inside().stream().map(id -> names.getOrDefault(id, id)).collect(Collectors.joining(", ")));
    for (OverlapFinder.Outside o : w.outside()) {
      ZoneId z = zones.get(o.member());
      s.append(" · ").append(names.getOrDefault(o.member(), o.member())).append(": ").append(range(w.interval(), z))
          .append(" in ").append(PersonTime.place(z)).append(", ");
      s.append(outside(o));
    }
    return s.toString();
  }

  /**
   * How far a window lies from the day of someone outside their hours in it, as its near and far ends: a window
   * 00:00-02:00 for someone whose day starts at 10:00 is "8–10 h before their day starts" (its distance from their
   * day is {@code minutesFromDay}, its length {@code minutesOutside}).
   */
  static String outside(OverlapFinder.Outside o) {
    if (o.position() == OverlapFinder.Position.DAY_OFF || o.minutesFromDay() == Long.MAX_VALUE) return "on a day off";
    String span = PersonTime.distance(o.minutesFromDay(), o.minutesFromDay() + o.minutesOutside());
    return span + (o.position() == OverlapFinder.Position.BEFORE_DAY ? " before their day starts" : " after their day ends");
  }

  private static String slot(FairRotation.RankedSlot s, ZoneId reader, Map<String, String> names, Map<String, ZoneId> zones) {
    String who = s.stretchMinutes().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> names.getOrDefault(e.getKey(), e.getKey()) + " " + range(s.slot(), zones.get(e.getKey()))
            + " in " + PersonTime.place(zones.get(e.getKey())) + " (their day stretches by " + length(Duration.ofMinutes(e.getValue())) + ")")
        .collect(Collectors.joining(", "));
    return when(s.slot(), reader) + (who.isEmpty() ? " · inside everyone's hours" : " · " + who);
  }
}
