package dev.longhand.thread;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * A thread's outcome (a decision, an answer, or dropped with a reason), shown at the top of its page and in the API.
 * The decision feature provides it; the thread package knows only this interface, so there is no package cycle.
 */
public interface Resolutions {
  Resolutions NONE = (readerId, threadId) -> Optional.empty();

  /** The outcome of a thread the reader may read (the caller checked that), or empty while it is open. */
  Optional<Resolution> of(long readerId, long threadId);

  /**
   * How a thread was resolved. For {@code decision}, {@code decisionPath} and {@code decisionTitle} name the decision
   * (its title is empty when the reader may not read it); for {@code answer} and {@code dropped}, {@code note} is the
   * answer or the reason.
   */
  record Resolution(String outcome, String note, String decisionPath, String decisionTitle, String decisionStatus,
                    Thread.Person by, long at) {
    public Json json() {
      Json.Decision decision = decisionPath.isEmpty() ? null : new Json.Decision(
          decisionPath.substring(decisionPath.lastIndexOf('/') + 1), decisionTitle, decisionStatus, decisionPath);
      return new Json(outcome, note.isEmpty() ? null : note, decision,
          new Json.Person(String.valueOf(by.id()), by.name(), by.handle()), Instant.ofEpochMilli(at).toString());
    }
  }

  /** {@code ThreadResolution} in openapi.json: {@code note} and {@code decision} are left out when there are none. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Json(String outcome, String note, Decision decision, Person resolvedBy, String resolvedAt) {
    public record Decision(String id, String title, String status, String url) {}

    public record Person(String id, String name, String handle) {}
  }
}
