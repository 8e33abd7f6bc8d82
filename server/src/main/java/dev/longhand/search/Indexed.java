package dev.longhand.search;

/**
 * One document in the search index, as a {@link SearchSource} hands it over.
 *
 * @param kind what a reader is told the hit is: {@code thread}, {@code reply}, {@code decision}, ...
 * @param owner the id the source's events name; the index replaces all of an owner's documents at once,
 *     so one owner may have several (a recording and its transcript cues)
 * @param id the id the API reports for the hit
 * @param threadId the thread the hit belongs to, or 0 when it is not part of a thread
 * @param title shown as the hit's heading (a reply shows its thread's title)
 * @param searchableTitle the title as words to match (ranked above the body), or null when the title
 *     is only shown (a reply must not match on its thread's title)
 * @param body the text searched and shown in snippets, as Markdown: the index keeps its plain text (syntax removed,
 *     {@code markdown.PlainText}); a source of plain text hands over {@code PlainText.literal(text)}
 * @param url where the hit lives, for a reader who may read it
 */
public record Indexed(String kind, long owner, long id, long threadId, long spaceId, long workspaceId, long authorId,
    String title, String searchableTitle, String body, long createdAt, String url) {
  public Indexed {
    if (kind == null || kind.isBlank()) throw new IllegalArgumentException("kind is required");
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    if (url == null || !url.startsWith("/")) throw new IllegalArgumentException("url must be a path: " + url);
  }
}
