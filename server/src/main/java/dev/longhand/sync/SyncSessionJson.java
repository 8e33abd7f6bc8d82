package dev.longhand.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the sync session API ({@code SyncSession}, {@code SyncSlots}, {@code MeetingBudget} in
 * openapi/sync-sessions.json): ids as strings, instants ISO-8601 UTC, local times ISO-8601 without offset in the
 * person's zone; fields that do not apply (yet) are absent.
 */
final class SyncSessionJson {
  private SyncSessionJson() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Session(String id, String url, String status, String purpose, int minutes, String spaceId, ThreadRef thread,
                 Person organiser, List<Agenda> agenda, List<Participant> participants, String start, String end,
                 int sequence, String callLink, String inviteUrl, String createdAt, String closedAt, boolean mayManage) {
    static Session of(SyncSession.Detail d, Map<Long, SyncScheduling.Budget> budgets, boolean mayManage) {
      SyncSession s = d.session();
      return new Session(String.valueOf(s.id()), s.path(), s.status().key(), s.purpose(), s.minutes(), String.valueOf(s.spaceId()),
          s.threadId() == 0 ? null : new ThreadRef(String.valueOf(s.threadId()), d.threadTitle(), "/threads/" + s.threadId()),
          Person.of(d.organiser()), d.agenda().stream().map(a -> new Agenda(a.index(), a.text())).toList(),
          d.participants().stream().map(p -> Participant.of(p, budgets.get(p.person().id()))).toList(),
          s.startAt() == 0 ? null : instant(s.startAt()), s.endAt() == 0 ? null : instant(s.endAt()), s.sequence(),
          s.callLink().isEmpty() ? null : s.callLink(), s.startAt() == 0 ? null : "/api/v1/sync-sessions/" + s.id() + "/invite.ics",
          instant(s.createdAt()), s.closedAt() == 0 ? null : instant(s.closedAt()), mayManage);
    }
  }

  record ThreadRef(String id, String title, String url) {}

  record Person(String id, String name, String handle, String timeZone) {
    static Person of(SyncSession.Person p) {
      return new Person(String.valueOf(p.id()), p.name(), p.handle(), p.timeZone());
    }
  }

  record Agenda(int index, String text) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Participant(String id, String name, String handle, String timeZone, int outsideMinutes, Budget budget) {
    static Participant of(SyncSession.Participant p, SyncScheduling.Budget b) {
      return new Participant(String.valueOf(p.person().id()), p.person().name(), p.person().handle(), p.person().timeZone(),
          p.outsideMinutes(), b == null ? null : Budget.of(b));
    }
  }

  record Budget(long usedMinutes, int weeklyMinutes, boolean over, String text) {
    static Budget of(SyncScheduling.Budget b) {
      return new Budget(b.usedMinutes(), b.weeklyMinutes(), b.over(), b.text());
    }
  }

  record Slots(String sessionId, List<Slot> slots) {
    static Slots of(SyncScheduling.Slots s) {
      Map<Long, SyncSession.Person> people = new java.util.HashMap<>();
      s.detail().participants().forEach(p -> people.put(p.person().id(), p.person()));
      return new Slots(String.valueOf(s.detail().session().id()), s.slots().stream().map(slot -> new Slot(
          slot.when().start().toString(), slot.when().end().toString(), slot.outside().stream().map(o -> new Outside(
              String.valueOf(o.accountId()), people.get(o.accountId()).name(), o.zone().getId(), o.minutes(), o.stretchMinutes(),
              o.localStart().toString(), o.localEnd().toString(), o.edge().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
              o.cost())).toList())).toList());
    }
  }

  record Slot(String start, String end, List<Outside> outside) {}

  record Outside(String accountId, String name, String timeZone, long minutes, long stretchMinutes, String localStart,
                 String localEnd, String edge, String text) {}

  record MeetingBudget(int weeklyMinutes, String text) {
    static MeetingBudget of(int minutes) {
      return new MeetingBudget(minutes, SyncSlots.hours(minutes) + " a week");
    }
  }

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
