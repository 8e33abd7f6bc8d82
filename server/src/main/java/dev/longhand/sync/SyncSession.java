package dev.longhand.sync;

import java.util.List;

/**
 * A short synchronous moment with a purpose: proposed from a thread (or a space) with an agenda and participants,
 * then scheduled at a fair time, cancelled, or (by the sync-close part) closed with its outcomes written back.
 *
 * @param threadId the thread it was proposed from, or 0 when proposed from a space
 * @param minutes its length
 * @param startAt when it starts (epoch ms) once scheduled, else 0
 * @param endAt when it ends once scheduled, else 0
 * @param sequence the iCalendar SEQUENCE of its invite: 0 when first scheduled, raised by every reschedule and the cancellation
 * @param callLink an http(s) address of the call, or empty
 * @param closedAt when it was closed, else 0
 */
public record SyncSession(long id, long workspaceId, long spaceId, long threadId, long organiserId, String purpose,
                          int minutes, Status status, long startAt, long endAt, int sequence, String callLink,
                          long createdAt, long updatedAt, long closedAt) {

  public static final int MIN_MINUTES = 10;
  public static final int MAX_MINUTES = 240;
  public static final int MAX_PURPOSE = 500;
  public static final int MAX_AGENDA_ITEMS = 20;
  public static final int MAX_AGENDA_TEXT = 300;
  public static final int MAX_PARTICIPANTS = 30;
  public static final int MAX_CALL_LINK = 2000;

  public enum Status {
    PROPOSED, SCHEDULED, CANCELLED, CLOSED;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String key) {
      return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public boolean scheduled() {
    return status == Status.SCHEDULED;
  }

  /** Still to happen or to be scheduled: proposed or scheduled. */
  public boolean open() {
    return status == Status.PROPOSED || status == Status.SCHEDULED;
  }

  public String path() {
    return "/sync-sessions/" + id;
  }

  /** The iCalendar UID of its invite: stable for the session's whole life. */
  public String uid() {
    return "sync-" + id + "@longhand";
  }

  SyncSession withSchedule(Status status, long startAt, long endAt, int sequence, long now) {
    return new SyncSession(id, workspaceId, spaceId, threadId, organiserId, purpose, minutes, status, startAt, endAt,
        sequence, callLink, createdAt, now, closedAt);
  }

  SyncSession withCallLink(String link, long now) {
    return new SyncSession(id, workspaceId, spaceId, threadId, organiserId, purpose, minutes, status, startAt, endAt,
        sequence, link, createdAt, now, closedAt);
  }

  public record Person(long id, String name, String handle, String timeZone) {}

  /** An agenda item: its place (0, 1, ...) and text. */
  public record AgendaItem(int index, String text) {}

  /** A participant with the minutes outside their hours the session's time costs them (0 until scheduled). */
  public record Participant(Person person, int outsideMinutes) {}

  /** A session with what the page and the API show: its agenda, people, and the thread it came from. */
  public record Detail(SyncSession session, Person organiser, List<AgendaItem> agenda, List<Participant> participants,
                       String threadTitle) {}

  /** What a proposal gives: the purpose, agenda items, participants' ids (the organiser is added) and length. */
  public record Proposal(String purpose, List<String> agenda, List<Long> participants, Integer minutes, String callLink) {}
}
