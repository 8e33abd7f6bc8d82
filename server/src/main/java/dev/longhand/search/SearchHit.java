package dev.longhand.search;

/**
 * One search result as a reader sees it. {@code snippet} is HTML: the matching passage of the post's plain text
 * (its Markdown rendered and stripped of syntax), escaped, with the matched words in {@code <mark>} tags, ready to
 * place in a page as it is. {@code group} is the page the hit is on ({@code /threads/5} for a thread and its
 * replies): hits on one page are shown together.
 */
public record SearchHit(String kind, long id, long threadId, String title, String snippet, long spaceId,
    Author author, long createdAt, String url, String group) {

  public record Author(long id, String name, String handle) {}

  /** A thread is the plain case; anything else (a reply, a decision, ...) is labelled with its kind. */
  public boolean isThread() {
    return "thread".equals(kind);
  }

  /** How a page labels the hit's kind: "reply", "transcript", "comment". */
  public String kindLabel() {
    return kind.equals("recording-comment") ? "comment" : kind;
  }
}
