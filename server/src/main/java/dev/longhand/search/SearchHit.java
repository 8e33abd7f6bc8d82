package dev.longhand.search;

/**
 * One search result as a reader sees it. {@code snippet} is HTML: the matching passage, escaped,
 * with the matched words in {@code <mark>} tags, ready to place in a page as it is.
 */
public record SearchHit(String kind, long id, long threadId, String title, String snippet, long spaceId,
    Author author, long createdAt, String url) {

  public record Author(long id, String name, String handle) {}

  /** A thread is the plain case; anything else (a reply, a decision, ...) is labelled with its kind. */
  public boolean isThread() {
    return "thread".equals(kind);
  }
}
