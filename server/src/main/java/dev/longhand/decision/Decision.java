package dev.longhand.decision;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A decision as a first-class record: what was decided, in which context, among which options (each with its
 * pros and cons), why, who owns it, its status, when to look at it again, where it came from and which decision
 * it supersedes or is superseded by.
 *
 * @param number its place in the workspace's decision log, the ADR number of the export
 * @param revisitBy a whole day in the owner's zone when the owner is reminded to look at it again
 */
public record Decision(long id, long workspaceId, long spaceId, int number, String title, String context,
    List<Option> options, String decision, String rationale, String consequences, Status status, long ownerId,
    Optional<LocalDate> revisitBy, Optional<Long> supersedesId, Optional<Long> supersededById, Optional<Source> source,
    long createdBy, long createdAt, long updatedAt) {

  public String path() {
    return "/decisions/" + id;
  }

  public enum Status {
    PROPOSED, ACCEPTED, SUPERSEDED, REJECTED;

    public static final List<String> KEYS = List.of("proposed", "accepted", "superseded", "rejected");

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
      return name().charAt(0) + key().substring(1);
    }

    public static Optional<Status> of(String key) {
      if (key == null || !KEYS.contains(key.strip().toLowerCase(Locale.ROOT))) return Optional.empty();
      return Optional.of(valueOf(key.strip().toUpperCase(Locale.ROOT)));
    }
  }

  /** An option that was considered, with what speaks for and against it. */
  public record Option(String title, List<String> pros, List<String> cons) {}

  /** Where a decision came from: a thread (later a document or a sync session). */
  public record Source(String kind, long id) {
    public String path() {
      return "/" + kind + "s/" + id;
    }
  }

  public record Person(long id, String name, String handle) {}

  /** Another decision named beside this one (the one it supersedes, or is superseded by). */
  public record Link(long id, int number, String title, Status status) {}

  /** Where a decision came from, as its reader may see it: the thread's title, or empty when they may not read it. */
  public record Origin(Source source, Optional<String> title) {}

  /**
   * What someone wrote into the decision form or the API. Fields are as given (null when absent); the service
   * checks them and names the field at fault. For a change, null means "keep", and an empty {@code revisitBy}
   * clears the date.
   */
  public record Draft(String title, String context, List<Option> options, String decision, String rationale,
      String consequences, String status, String owner, String revisitBy, String supersedes, Source source) {
    public static Draft empty() {
      return new Draft(null, null, null, null, null, null, null, null, null, null, null);
    }

    public Draft withSource(Source s) {
      return new Draft(title, context, options, decision, rationale, consequences, status, owner, revisitBy, supersedes, s);
    }
  }

  /** One field a write changed, as text a reader understands. */
  public record Change(String field, String from, String to) {}

  /** One write in a decision's history: who did what, when. */
  public record HistoryEntry(long at, Optional<Person> actor, String action, List<Change> changes) {}

  /** A decision in a log, with its space and owner. */
  public record Row(Decision decision, String spaceName, Person owner) {}

  /** A decision as its page and the API show it. */
  public record Detail(Decision decision, String spaceName, String workspaceName, Person owner, Optional<Link> supersedes,
      Optional<Link> supersededBy, Optional<Origin> origin, List<HistoryEntry> history) {}

  /** What a log is filtered by; every filter is optional. Dates are whole days in the reader's zone. */
  public record Filter(Optional<Status> status, Optional<Long> ownerId, Optional<LocalDate> from, Optional<LocalDate> to) {
    public static Filter none() {
      return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }
}
