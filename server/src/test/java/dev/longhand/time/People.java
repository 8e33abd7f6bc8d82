package dev.longhand.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The team in these tests, as in the rest of Longhand's: Ana in Lisbon (09-17), Bo in Seoul (10-19), Cy in Denver
 * (08-16), all Monday to Friday; Noor works nights in Kolkata (22:00-06:00, starting Monday to Friday) and Ida works
 * early in Berlin (08:00-15:30). The examples use the week of Monday 30 November 2026, when none of them observes
 * daylight saving: Lisbon is UTC, Seoul UTC+9, Denver UTC-7, Kolkata UTC+5:30, Berlin UTC+1.
 */
final class People {
  private People() {}

  static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  static final WorkCalendar ANA = weekdays("Europe/Lisbon", "09:00", "17:00");
  static final WorkCalendar BO = weekdays("Asia/Seoul", "10:00", "19:00");
  static final WorkCalendar CY = weekdays("America/Denver", "08:00", "16:00");
  static final WorkCalendar NOOR = weekdays("Asia/Kolkata", "22:00", "06:00");
  static final WorkCalendar IDA = weekdays("Europe/Berlin", "08:00", "15:30");

  static final OverlapFinder.Member ana = new OverlapFinder.Member("ana", ANA);
  static final OverlapFinder.Member bo = new OverlapFinder.Member("bo", BO);
  static final OverlapFinder.Member cy = new OverlapFinder.Member("cy", CY);
  static final OverlapFinder.Member ida = new OverlapFinder.Member("ida", IDA);

  static WorkCalendar weekdays(String zone, String start, String end) {
    return on(WEEKDAYS, zone, start, end);
  }

  static WorkCalendar on(Set<DayOfWeek> days, String zone, String start, String end) {
    return WorkCalendar.of(ZoneId.of(zone), ranges(days, start, end), List.of(), List.of());
  }

  static List<WorkingRange> ranges(Set<DayOfWeek> days, String start, String end) {
    List<WorkingRange> out = new ArrayList<>();
    for (DayOfWeek d : days) out.add(new WorkingRange(d, LocalTime.parse(start), LocalTime.parse(end)));
    return out;
  }

  static WorkCalendar withAway(WorkCalendar c, List<AwayPeriod> away, List<LocalDate> holidays) {
    return WorkCalendar.of(c.zone(), c.week(), away, holidays);
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
