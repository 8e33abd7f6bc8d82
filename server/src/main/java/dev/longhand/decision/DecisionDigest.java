package dev.longhand.decision;

import dev.longhand.notify.DigestSource;
import dev.longhand.notify.Excerpt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The digest section "Decisions": each decision someone else recorded, changed or superseded in the period, most
 * recent first, with its status now, what the decision says (an excerpt), and who changed what.
 */
final class DecisionDigest implements DigestSource {
  static final int SHOWN = 3;
  static final int READ = 200;
  static final int MAX_DECISIONS = 20;

  private final DecisionDigestStore store = new DecisionDigestStore();

  @Override
  public String heading() {
    return "Decisions";
  }

  @Override
  public boolean quietBetween(Handle h, Instant since, Instant now) {
    return !store.anyChangeBetween(h, since.toEpochMilli(), now.toEpochMilli());
  }

  @Override
  public List<Line> linesFor(Handle h, long me, Instant since, Instant now) {
    Map<Long, List<DecisionDigestStore.Change>> byDecision = new LinkedHashMap<>();
    for (var c : store.changes(h, me, since.toEpochMilli(), now.toEpochMilli(), READ)) {
      if (byDecision.size() < MAX_DECISIONS || byDecision.containsKey(c.decisionId())) {
        byDecision.computeIfAbsent(c.decisionId(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Line> lines = new ArrayList<>();
    byDecision.forEach((id, newest) -> {
      var d = newest.getFirst();
      List<Entry> entries = new ArrayList<>();
      for (int i = Math.min(SHOWN, newest.size()) - 1; i >= 0; i--) {
        var c = newest.get(i);
        entries.add(new Entry(c.actor(), c.at(), what(c), c.action().equals("recorded") ? Excerpt.of(c.decision()) : Excerpt.EMPTY));
      }
      lines.add(new Line("#" + d.number() + " " + d.title(), "/decisions/" + id, d.space() + " · " + d.status(), entries,
          newest.size() - entries.size()));
    });
    return lines;
  }

  /** "recorded it", "changed status (proposed → accepted), rationale", "superseded it". */
  static String what(DecisionDigestStore.Change c) {
    return switch (c.action()) {
      case "recorded" -> "recorded it";
      case "superseded" -> "superseded it";
      default -> "changed " + c.changes().stream()
          .map(ch -> ch.field().equals("status") ? "status (" + ch.from() + " → " + ch.to() + ")" : ch.field())
          .collect(Collectors.joining(", "));
    };
  }

  @Override
  public String summary(List<Line> lines) {
    return DigestSource.count(lines.size(), "decision", "decisions");
  }
}
