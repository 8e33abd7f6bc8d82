package dev.longhand.sync;

import dev.longhand.time.FairRotation;
import dev.longhand.time.Interval;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.WorkCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slots for a session and what they cost each participant: candidates every half hour from {@link FairRotation},
 * ranked with the burden people already bore in earlier sessions, so the early or late slot moves to whoever has
 * borne the least. Pure: the history and calendars are read by the caller.
 */
public final class SyncSlots {
  public static final int DEFAULT_DAYS = 14;
  public static final int MAX_DAYS = 28;
  /** How many of the ranked slots are offered. */
  public static final int OFFERED = 8;
  public static final Duration STEP = Duration.ofMinutes(30);

  private SyncSlots() {}

  /**
   * Someone outside their hours in a slot.
   *
   * @param minutes how much of the slot lies outside their hours
   * @param stretchMinutes how far it stretches their working day (what fair rotation counts, see {@link FairRotation})
   */
  public record Outside(long accountId, long minutes, long stretchMinutes, ZoneId zone, LocalDateTime localStart,
                        LocalDateTime localEnd, Edge edge) {
    private static final java.time.format.DateTimeFormatter DAY_HOUR =
        java.time.format.DateTimeFormatter.ofPattern("EEE HH:mm", java.util.Locale.ENGLISH);
    private static final java.time.format.DateTimeFormatter HOUR =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm", java.util.Locale.ENGLISH);

    /** "Tue 06:30–07:00 in Denver": the slot in their own zone. */
    public String local() {
      return DAY_HOUR.format(localStart) + "–" + HOUR.format(localEnd) + " in " + dev.longhand.time.PersonTime.place(zone);
    }

    /** "30 min outside their hours, 2 h after their day ends": how much, and how far from their day. */
    public String cost() {
      long gap = stretchMinutes - minutes;
      String where = switch (edge) {
        case EARLY -> gap > 0 ? ", " + hours(gap) + " before their day starts" : ", just before their day starts";
        case LATE -> gap > 0 ? ", " + hours(gap) + " after their day ends" : ", just after their day ends";
        case DAY_OFF -> ", on a day off";
      };
      return hours(minutes) + " outside their hours" + where;
    }
  }

  /** Where a slot outside someone's hours lies: before their day starts, after it ended, or on a day without hours. */
  public enum Edge { EARLY, LATE, DAY_OFF }

  static Edge edge(WorkCalendar c, Interval slot) {
    var day = slot.end().atZone(c.zone()).toLocalDate();
    var startDay = slot.start().atZone(c.zone()).toLocalDate();
    boolean early = c.nextPeriod(slot.start()).filter(p -> p.start().atZone(c.zone()).toLocalDate().equals(day)).isPresent();
    boolean late = c.previousPeriod(slot.end()).filter(p -> p.end().atZone(c.zone()).toLocalDate().equals(startDay)).isPresent();
    if (early && late) {
      long toNext = c.nextPeriod(slot.start()).orElseThrow().start().getEpochSecond() - slot.end().getEpochSecond();
      long sincePrev = slot.start().getEpochSecond() - c.previousPeriod(slot.end()).orElseThrow().end().getEpochSecond();
      return toNext <= sincePrev ? Edge.EARLY : Edge.LATE;
    }
    return early ? Edge.EARLY : late ? Edge.LATE : Edge.DAY_OFF;
  }

  /** A slot offered, fairest first, with who is outside their hours in it. */
  public record Slot(Interval when, List<Outside> outside) {}

  /**
   * The fairest slots of {@code length} in {@code [from, to)} for these people, given the minutes outside their
   * hours each already bore ({@code pastMinutes}, by account id), at most {@code limit}.
   */
  public static List<Slot> rank(Map<Long, WorkCalendar> calendars, List<Long> people, Map<Long, Long> pastMinutes,
      Instant from, Instant to, Duration length, int limit) {
    List<OverlapFinder.Member> members = new ArrayList<>();
    for (long p : people) {
      WorkCalendar c = calendars.get(p);
      if (c != null) members.add(new OverlapFinder.Member(String.valueOf(p), c));
    }
    if (members.isEmpty()) return List.of();
    List<Interval> candidates = FairRotation.candidates(members, from, to, length, STEP);
    Map<String, Long> past = new java.util.HashMap<>();
    pastMinutes.forEach((k, v) -> past.put(String.valueOf(k), v));
    List<FairRotation.RankedSlot> ranked = FairRotation.rank(candidates, members, past);
    // One slot per time of day (the fairest day for it): the same half hour on eight days is no choice at all.
    List<Slot> out = new ArrayList<>();
    java.util.Set<Long> timesOfDay = new java.util.HashSet<>();
    for (FairRotation.RankedSlot r : ranked) {
      if (out.size() >= limit) break;
      if (!timesOfDay.add(Math.floorMod(r.slot().start().getEpochSecond(), 86_400L))) continue;
      out.add(new Slot(r.slot(), outside(calendars, members, r.slot(), r.stretchMinutes())));
    }
    return out;
  }

  /** How far a chosen time stretches each person's day, in minutes (what the history keeps), by account id. */
  public static Map<Long, Integer> stretch(Map<Long, WorkCalendar> calendars, List<Long> people, Interval when) {
    List<OverlapFinder.Member> members = new ArrayList<>();
    for (long p : people) {
      WorkCalendar c = calendars.get(p);
      if (c != null) members.add(new OverlapFinder.Member(String.valueOf(p), c));
    }
    Map<Long, Integer> out = new java.util.LinkedHashMap<>();
    people.forEach(p -> out.put(p, 0));
    if (members.isEmpty()) return out;
    FairRotation.RankedSlot r = FairRotation.rank(List.of(when), members, Map.of()).getFirst();
    r.stretchMinutes().forEach((id, m) -> out.put(Long.parseLong(id), (int) Math.min(Integer.MAX_VALUE, m)));
    return out;
  }

  /** Who is outside their hours in a slot, in the order of the people, with the slot in their own zone. */
  public static List<Outside> outside(Map<Long, WorkCalendar> calendars, List<OverlapFinder.Member> members, Interval slot,
      Map<String, Long> stretch) {
    List<Outside> out = new ArrayList<>();
    long length = slot.duration().toMinutes();
    for (OverlapFinder.Member m : members) {
      WorkCalendar c = m.calendar();
      long working = c.workingBetween(slot.start(), slot.end()).toMinutes();
      long minutes = length - working;
      if (minutes <= 0) continue;
      out.add(new Outside(Long.parseLong(m.id()), minutes, stretch.getOrDefault(m.id(), minutes), c.zone(),
          LocalDateTime.ofInstant(slot.start(), c.zone()), LocalDateTime.ofInstant(slot.end(), c.zone()), edge(c, slot)));
    }
    return out;
  }

  /** The person's current local week, Monday to Monday in their zone. */
  public static Interval weekOf(Instant now, ZoneId zone) {
    var monday = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new Interval(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
  }

  /** "4 h 30", "45 min", "5 h": a number of minutes as people say it. */
  public static String hours(long minutes) {
    long h = minutes / 60;
    long m = minutes % 60;
    if (h == 0) return m + " min";
    return m == 0 ? h + " h" : h + " h " + (m < 10 ? "0" : "") + m;
  }
}
