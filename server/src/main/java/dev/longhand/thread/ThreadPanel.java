package dev.longhand.thread;

import java.util.Map;
import java.util.Optional;

/**
 * A section another feature shows on a thread's page: a suggestion to go synchronous, the thread's sync sessions, its
 * brainstorms, a slow-mode note beside the composer. The thread feature's own plug-in point, like {@link PostHooks}: a
 * feature built on threads implements it and {@code Longhand} hands the list to {@link ThreadFeature}, so threads
 * never depend on the features that show themselves on their page. Each section is a template of its feature, given
 * its own model; panels are rendered in the order they were given, and one with nothing to show returns empty.
 */
public interface ThreadPanel {
  /** Where on the thread page a section goes. */
  enum Place {
    /** Under the opening post and its actions, above the replies. */
    TOP,
    /** Just above the reply composer. */
    COMPOSER
  }

  /** A section to render: a template path (e.g. {@code "signal/suggestion.jte"}) and its model. */
  record Section(Place place, String template, Map<String, Object> model) {}

  /** The section this viewer sees on this thread, or empty; called after the viewer's access to the thread is checked. */
  Optional<Section> section(long viewerId, Thread thread);
}
