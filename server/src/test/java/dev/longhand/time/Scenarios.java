package dev.longhand.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random calendars for property tests: zones with daylight saving, half- and quarter-hour offsets, 30-minute DST
 * (Lord Howe), skipped days (Apia 2011); weeks with several ranges a day, night shifts, empty days or no hours at
 * all; away periods and holidays; and instants around an anchor that is often a daylight-saving change.
 */
final class Scenarios {
  private Scenarios() {}

  static final List<String> ZONES = List.of("Europe/Lisbon", "America/Denver", "Australia/Adelaide", "Asia/Kolkata",
      "Asia/Kathmandu", "Asia/Seoul", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "America/Santiago",
      "Africa/Casablanca", "Europe/London", "America/Sao_Paulo", "Pacific/Apia", "Asia/Tehran", "UTC", "Europe/Berlin",
      "America/New_York");

  /** A calendar and the instant its interesting days are around. */
  record Scenario(WorkCalendar calendar, Instant anchor) {
    @Override
    public String toString() {
      return "zone " + calendar.zone() + ", anchor " + anchor + ", week " + calendar.week() + ", away " + calendar.away()
          + ", holidays " + calendar.holidays();
    }
  }

  static Scenario scenario(Random r) {
    ZoneId zone = ZoneId.of(ZONES.get(r.nextInt(ZONES.size())));
    return scenario(r, zone, anchor(r, zone, 2020, 2032));
  }

  static Scenario scenario(Random r, ZoneId zone, Instant anchor) {
    LocalDate day = LocalDate.ofInstant(anchor, zone);
    List<AwayPeriod> away = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0 && r.nextInt(3) == 0; i--) {
      LocalDate from = day.plusDays(r.nextInt(16) - 5);
      away.add(new AwayPeriod(from, from.plusDays(1 + r.nextInt(10)), "away " + i));
    }
    List<LocalDate> holidays = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0 && r.nextBoolean(); i--) holidays.add(day.plusDays(r.nextInt(18) - 5));
    return new Scenario(WorkCalendar.of(zone, week(r), away, holidays), anchor);
  }

  static List<WorkingRange> week(Random r) {
    List<WorkingRange> week = new ArrayList<>();
    switch (r.nextInt(10)) {
      case 0 -> { } // no hours at all
      case 1, 2 -> { // an office week
        for (DayOfWeek d : People.WEEKDAYS) week.add(new WorkingRange(d, LocalTime.of(9, 0), LocalTime.of(17, 0)));
      }
      case 3 -> { // a night shift every day, into the small hours when clocks change
        LocalTime start = LocalTime.of(20 + r.nextInt(4), 30 * r.nextInt(2));
        LocalTime end = LocalTime.of(r.nextInt(5), 30 * r.nextInt(2));
        for (DayOfWeek d : DayOfWeek.values()) if (r.nextInt(4) > 0) week.add(new WorkingRange(d, start, end));
      }
      default -> {
        int n = 1 + r.nextInt(9);
        for (int i = 0; i < n; i++) week.add(range(r));
      }
    }
    return week;
  }

  private static WorkingRange range(Random r) {
    DayOfWeek day = DayOfWeek.of(1 + r.nextInt(7));
    int startMinute = switch (r.nextInt(4)) {
      case 0 -> r.nextInt(24 * 60);
      case 1 -> r.nextInt(5 * 60); // the hours clocks change in
      default -> 30 * r.nextInt(48);
    };
    int length = r.nextBoolean() ? 15 * (1 + r.nextInt(48)) : 1 + r.nextInt(16 * 60);
    LocalTime start = LocalTime.ofSecondOfDay(startMinute * 60L + (r.nextInt(10) == 0 ? r.nextInt(60) : 0));
    return new WorkingRange(day, start, start.plusMinutes(length));
  }

  /** Half the time a moment in the given years, half the time a few days before one of the zone's clock changes. */
  static Instant anchor(Random r, ZoneId zone, int fromYear, int toYear) {
    Instant from = LocalDate.of(fromYear, 1, 1).atStartOfDay(zone).toInstant();
    Instant to = LocalDate.of(toYear, 1, 1).atStartOfDay(zone).toInstant();
    Instant random = from.plusSeconds((long) (r.nextDouble() * Duration.between(from, to).toSeconds()));
    if (r.nextBoolean()) return random;
    ZoneOffsetTransition next = zone.getRules().nextTransition(random);
    if (next == null || next.getInstant().isAfter(to)) return random;
    return next.getInstant().minusSeconds(r.nextInt(4 * 86_400));
  }

  /** An instant near the anchor: anywhere in the next days, or right at (or a hair around) an edge of a period. */
  static Instant near(Random r, Scenario s, List<Interval> periods) {
    if (!periods.isEmpty() && r.nextBoolean()) {
      Interval p = periods.get(r.nextInt(periods.size()));
      Instant edge = r.nextBoolean() ? p.start() : p.end();
      return switch (r.nextInt(4)) {
        case 0 -> edge;
        case 1 -> edge.minusNanos(1);
        case 2 -> edge.plusSeconds(1);
        default -> edge.minusSeconds(1);
      };
    }
    Instant t = s.anchor().plusSeconds(r.nextInt(11 * 86_400) - 2 * 86_400L);
    return r.nextInt(4) == 0 ? t.plusNanos(r.nextInt(1_000_000_000)) : t;
  }

  static Duration amount(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Duration.ZERO;
      case 1 -> Duration.ofMinutes(15L * r.nextInt(200));
      case 2 -> Duration.ofSeconds(r.nextInt(60 * 3600), r.nextInt(1_000_000_000));
      default -> Duration.ofHours(1 + r.nextInt(40));
    };
  }
}
