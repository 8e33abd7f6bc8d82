package dev.longhand.markdown;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders a time marker as {@code <time datetime="…Z" class="lh-time">Tue 1 Dec 2026, 15:00 UTC</time>}: correct
 * for every reader as it stands, and rewritten into each reader's zone by {@link LocalizedTimes} where the reader
 * is known.
 */
record TimeMarkerRenderer(HtmlWriter html) implements NodeRenderer {
  static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

  @Override
  public Set<Class<? extends Node>> getNodeTypes() {
    return Set.of(TimeMarkerFinder.TimeMarker.class);
  }

  @Override
  public void render(Node node) {
    var instant = ((TimeMarkerFinder.TimeMarker) node).instant.truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> attributes = new LinkedHashMap<>(); // this order is what LocalizedTimes looks for
    attributes.put("datetime", instant.toString());
    attributes.put("class", "lh-time");
    html.tag("time", attributes);
    html.text(UTC_TEXT.format(instant.atOffset(ZoneOffset.UTC)));
    html.tag("/time");
  }
}
