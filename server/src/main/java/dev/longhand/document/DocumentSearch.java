package dev.longhand.document;

import dev.longhand.event.DocumentCommented;
import dev.longhand.event.DocumentCreated;
import dev.longhand.event.DocumentSaved;
import dev.longhand.search.Indexed;
import dev.longhand.search.OwnerEvents;
import dev.longhand.search.SearchSource;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Documents in search: the title (ranked above the text) and the latest revision's text, re-read
 * whenever a document is created or saved. A hit's author is whoever saved the latest revision.
 * {@link #COMMENTS} indexes comments and replies, shown under their document's title.
 */
public final class DocumentSearch implements SearchSource {
  /** Comments on documents and their replies: found by their text, linked to the comment on the document's page. */
  public static final SearchSource COMMENTS = new Comments();
  private static final int PAGE = 500;
  private static final DocumentSearchStore store = new DocumentSearchStore();

  @Override
  public String name() {
    return "document";
  }

  @Override
  public OwnerEvents events() {
    return OwnerEvents.of(DocumentCreated.class, DocumentCreated::documentId).and(DocumentSaved.class, DocumentSaved::documentId);
  }

  @Override
  public List<Indexed> load(Handle h, Collection<Long> owners) {
    if (owners.isEmpty()) return List.of();
    return store.documents(h, owners);
  }

  @Override
  public void each(Handle h, Consumer<Indexed> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<Indexed> page = store.documentsAfter(h, after, PAGE);
      page.forEach(sink);
      if (page.size() < PAGE) return;
      after = page.getLast().id();
    }
  }

  private static final class Comments implements SearchSource {
    @Override
    public String name() {
      return "document-comment";
    }

    @Override
    public OwnerEvents events() {
      return OwnerEvents.of(DocumentCommented.class, DocumentCommented::commentId);
    }

    @Override
    public List<Indexed> load(Handle h, Collection<Long> owners) {
      if (owners.isEmpty()) return List.of();
      return store.comments(h, owners);
    }

    @Override
    public void each(Handle h, Consumer<Indexed> sink) {
      long after = Long.MIN_VALUE;
      while (true) {
        List<Indexed> page = store.commentsAfter(h, after, PAGE);
        page.forEach(sink);
        if (page.size() < PAGE) return;
        after = page.getLast().id();
      }
    }
  }
}
