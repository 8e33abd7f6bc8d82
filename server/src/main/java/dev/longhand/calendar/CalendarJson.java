package dev.longhand.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.longhand.time.PersonTime;
import java.util.List;
import java.util.Map;

/**
 * The JSON the calendar API answers, one record per shape in openapi.json: ids as strings, instants ISO-8601 UTC;
 * fields that do not apply are left out.
 */
final class CalendarJson {
  private CalendarJson() {}

  /** {@code PersonTime}: a person with their local time now, and their away period if they are away. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Person(String id, String name, String handle, String timeZone, String localTime, boolean working, String status,
                String workingUntil, String nextWorkingAt, Away away) {
    static Person of(CalendarService.Person p) {
      PersonTime t = p.time();
      String changesAt = t.changesAt().map(Object::toString).orElse(null);
      return new Person(String.valueOf(p.id()), p.name(), p.handle(), t.zoneId(), t.localTime(), t.working(), t.summary(),
          t.working() ? changesAt : null, t.working() ? null : changesAt,
          p.away().map(a -> new Away(a.from().toString(), a.returns().toString(), a.note())).orElse(null));
    }
  }

  record Away(String from, String returns, String note) {}

  record People(List<Person> people) {}

  /** The answer of working-time: either {@code add}/{@code dueAt}/{@code dueAtLocal} or {@code to}/{@code workingTime}/{@code workingMinutes}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record WorkingTime(String personId, String timeZone, String from, String add, String dueAt, String dueAtLocal, String to,
                     String workingTime, Long workingMinutes) {}

  record Overlap(List<String> members, boolean everyone, List<Window> windows, List<Slot> suggestedSlots) {}

  record Window(String start, String end, long minutes, List<String> inside, List<Outside> outside) {}

  record Outside(String member, String localStart, String localEnd, long minutesOutside, long minutesFromDay, String position) {}

  record Slot(String start, String end, Map<String, Long> stretchMinutes, long totalStretchMinutes) {}

  /** {@code AwayPeriod}. */
  record AwayPeriod(String id, String from, String returns, String note) {
    static AwayPeriod of(dev.longhand.calendar.Away a) {
      return new AwayPeriod(String.valueOf(a.id()), a.period().from().toString(), a.period().returns().toString(),
          a.period().note());
    }
  }

  record AwayList(List<AwayPeriod> away) {}

  record Holiday(String date, String name) {}

  record Holidays(List<Holiday> holidays) {}

  record Feed(String url) {}
}
