package dev.longhand.thread;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
    public Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("outcome", outcome);
      if (!note.isEmpty()) out.put("note", note);
      if (!decisionPath.isEmpty()) {
        out.put("decision", Map.of("id", decisionPath.substring(decisionPath.lastIndexOf('/') + 1), "title", decisionTitle,
            "status", decisionStatus, "url", decisionPath));
      }
      out.put("resolvedBy", Map.of("id", String.valueOf(by.id()), "name", by.name(), "handle", by.handle()));
      out.put("resolvedAt", Instant.ofEpochMilli(at).toString());
      return out;
    }
  }
}
