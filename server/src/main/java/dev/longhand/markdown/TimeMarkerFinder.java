package dev.longhand.markdown;

import dev.longhand.time.TimeMarkup;
import java.time.Instant;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Link;
import org.commonmark.node.Text;

/** Turns {@code <t:2026-12-01T15:00Z>} markers in text (not in code or links) into {@link TimeMarker} nodes. */
final class TimeMarkerFinder extends AbstractVisitor {

  /** A time written in a message, shown to each reader in their own zone. */
  static final class TimeMarker extends CustomNode {
    final Instant instant;

    TimeMarker(Instant instant) {
      this.instant = instant;
    }
  }

  @Override
  public void visit(Link l) {
    // Text inside a link stays as written.
  }

  @Override
  public void visit(Text text) {
    String literal = text.getLiteral();
    if (!literal.contains("<t:")) return;
    List<TimeMarkup.Found> found = TimeMarkup.find(literal);
    if (found.isEmpty()) return;
    int last = 0;
    for (TimeMarkup.Found f : found) {
      if (f.start() > last) text.insertBefore(new Text(literal.substring(last, f.start())));
      text.insertBefore(new TimeMarker(f.instant()));
      last = f.end();
    }
    if (last < literal.length()) text.insertBefore(new Text(literal.substring(last)));
    text.unlink();
  }
}
