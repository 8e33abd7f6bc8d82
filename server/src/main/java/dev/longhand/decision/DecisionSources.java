package dev.longhand.decision;

import dev.longhand.http.Problem;
import dev.longhand.workspace.WorkspaceService;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Where a decision can come from: a thread or a document. Each is looked up with its space, and
 * only for someone who may read that space, so a decision never shows the title of a source its
 * reader may not see.
 */
final class DecisionSources {
  static final Set<String> KINDS = Set.of("thread", "document");

  private static final DecisionStore STORE = new DecisionStore();

  private DecisionSources() {}

  /** A source as decisions see it: where it lives and what it is called. */
  record Ref(long id, long workspaceId, long spaceId, String title) {}

  /** The source, if the person may read it; empty when it is unknown, elsewhere, or in a space they may not read. */
  static Optional<Ref> readable(Handle h, WorkspaceService workspaces, long accountId, Decision.Source source) {
    String table = switch (source.kind()) {
      case "thread" -> "threads";
      case "document" -> "documents";
      default -> null;
    };
    if (table == null) return Optional.empty();
    Optional<Ref> ref = STORE.source(h, table, source.id());
    if (ref.isEmpty()) return ref;
    try {
      workspaces.accessSpace(h, accountId, ref.get().spaceId());
      return ref;
    } catch (Problem notReadable) {
      return Optional.empty();
    }
  }
}
