package dev.longhand.feature;

import dev.longhand.due.DueWork;
import dev.longhand.http.Router;
import dev.longhand.notify.DigestSource;
import dev.longhand.notify.NoticeSource;
import dev.longhand.search.SearchSource;
import dev.longhand.store.OutboxConsumer;
import java.util.List;
import java.util.Map;

/**
 * What a feature plugs into Longhand, each part optional: its routes, its outbox consumers, its due work, and what it
 * hands to the shared machinery (search sources, notice sources, digest sections). A feature implements it in one
 * class of its package ({@code thread.ThreadFeature}, {@code document.DocumentFeature}, ...), built from the feature's
 * services, and {@code Longhand} registers it in one line; threads use exactly the plug-in points documents do.
 *
 * <p>Post hooks (what other features do when a post is written, e.g. asks) are the thread feature's own plug-in
 * point, a list given to {@code ThreadService}: putting them here would make this package depend on {@code thread}
 * while {@code thread} implements this, a cycle.
 */
public interface Feature {
  /** A feature that is only routes (accounts, workspaces, people's time). */
  static Feature routes(Router.Routes... routes) {
    List<Router.Routes> list = List.of(routes);
    return new Feature() {
      @Override
      public void routes(Router r) {
        list.forEach(x -> x.register(r));
      }
    };
  }

  /** Its routes, each declared with its {@code Access}. */
  default void routes(Router r) {}

  /** Durable outbox consumers: they keep a cursor and resume after a restart. */
  default List<OutboxConsumer> consumers() {
    return List.of();
  }

  /** Live outbox consumers (pages listening now): they start at the newest event and keep no cursor. */
  default List<OutboxConsumer> liveConsumers() {
    return List.of();
  }

  /** Handlers of its due work, by kind (kinds are unique across features), run in the claiming transaction. */
  default Map<String, DueWork.Handler> dueWork() {
    return Map.of();
  }

  /** Handlers of its due work that wait on the outside world, run outside any transaction. */
  default Map<String, DueWork.ExternalHandler> externalDueWork() {
    return Map.of();
  }

  /** What it puts in the search index (also used by {@code longhand reindex}, through {@code Longhand.searchSources()}). */
  default List<SearchSource> searchSources() {
    return List.of();
  }

  /** Whom its events tell directly (mentions, replies, comments), delivered by the notification producer. */
  default List<NoticeSource> notices() {
    return List.of();
  }

  /** Its sections of people's digests. */
  default List<DigestSource> digests() {
    return List.of();
  }
}
