package dev.longhand.document;

import dev.longhand.notify.DigestSource;
import dev.longhand.notify.Excerpt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The digest section "Documents": each document someone else revised or commented on in the period, most recent
 * first, with who did what (revisions with their summaries, comments with excerpts), the latest few shown.
 */
final class DocumentDigest implements DigestSource {
  static final int SHOWN = 3;
  static final int READ = 300;
  static final int MAX_DOCUMENTS = 20;

  private final DocumentDigestStore store = new DocumentDigestStore();

  @Override
  public String heading() {
    return "Documents";
  }

  @Override
  public boolean quietBetween(Handle h, Instant since, Instant now) {
    return !store.anyChangeBetween(h, since.toEpochMilli(), now.toEpochMilli());
  }

  @Override
  public List<Line> linesFor(Handle h, long me, Instant since, Instant now) {
    Map<Long, List<DocumentDigestStore.Change>> byDocument = new LinkedHashMap<>();
    for (var c : store.changes(h, me, since.toEpochMilli(), now.toEpochMilli(), READ)) {
      if (byDocument.size() < MAX_DOCUMENTS || byDocument.containsKey(c.documentId())) {
        byDocument.computeIfAbsent(c.documentId(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Line> lines = new ArrayList<>();
    byDocument.forEach((id, newest) -> {
      var first = newest.getFirst();
      int revisions = 0;
      int comments = 0;
      Set<String> editors = new LinkedHashSet<>();
      for (var c : newest.reversed()) {
        if (c.revision() > 0) {
          revisions++;
          editors.add(c.author());
        } else {
          comments++;
        }
      }
      List<String> parts = new ArrayList<>();
      parts.add(first.space());
      if (revisions > 0) parts.add(DigestSource.count(revisions, "new revision", "new revisions") + " by " + String.join(", ", editors));
      if (comments > 0) parts.add(DigestSource.count(comments, "comment", "comments"));
      List<Entry> entries = new ArrayList<>();
      for (int i = Math.min(SHOWN, newest.size()) - 1; i >= 0; i--) {
        var c = newest.get(i);
        entries.add(c.revision() > 0
            ? new Entry(c.author(), c.at(), c.revision() == 1 ? "created it" : "saved revision " + c.revision(), Excerpt.of(c.text()))
            : new Entry(c.author(), c.at(), "commented", Excerpt.of(c.text())));
      }
      lines.add(new Line("“" + first.title() + "”", "/documents/" + id, String.join(" · ", parts), entries,
          newest.size() - entries.size()));
    });
    return lines;
  }

  @Override
  public String summary(List<Line> lines) {
    return DigestSource.count(lines.size(), "document changed", "documents changed");
  }
}
