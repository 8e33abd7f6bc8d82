package dev.longhand.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a page's breadcrumb trail ({@code crumbs.jte}). Every page's trail runs the same way, from the
 * largest place to the page: workspace, space, the space's section (Documents, Decisions, Recordings), the thing,
 * then what the page does with it (Edit, Changes); one's own pages start at Your profile or Notifications.
 */
public record Crumb(String label, String href) {
  /** Crumbs from label, href pairs: {@code Crumb.of("Acme", "/workspaces/1", "Product", "/spaces/2")}. */
  public static List<Crumb> of(String... labelsAndHrefs) {
    if (labelsAndHrefs.length % 2 != 0) throw new IllegalArgumentException("crumbs come in label, href pairs");
    List<Crumb> trail = new ArrayList<>();
    for (int i = 0; i < labelsAndHrefs.length; i += 2) trail.add(new Crumb(labelsAndHrefs[i], labelsAndHrefs[i + 1]));
    return List.copyOf(trail);
  }
}
