package dev.longhand.search;

/**
 * One search result as a reader sees it. {@code snippet} is HTML: the matching passage, escaped,
 * with the matched words in {@code <mark>} tags, ready to place in a page as it is.
 */
public record SearchHit(String kind, long id, long threadId, String title, String snippet, long spaceId,
    Author author, long createdAt) {

  public record Author(long id, String name, String handle) {}

  public boolean isReply() {
    return "reply".equals(kind);
  }

  /** Where the hit lives: the thread, scrolled to the reply when it is one. */
  public String url() {
    return "/threads/" + threadId + (isReply() ? "#reply-" + id : "");
  }
}
