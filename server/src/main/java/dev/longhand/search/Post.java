package dev.longhand.search;

/**
 * What the search index holds for one thread (its title and opening post) or one reply. Replies
 * carry their thread's title too, so a hit can be shown without another read.
 */
record Post(Kind kind, long id, long threadId, long spaceId, long workspaceId, long authorId,
    String threadTitle, String body, long createdAt) {

  enum Kind {
    THREAD, REPLY;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Kind of(String key) {
      return "reply".equals(key) ? REPLY : THREAD;
    }
  }
}
