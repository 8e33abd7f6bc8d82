package dev.longhand.http;

/**
 * The addresses of a thread's replies, in one form wherever something leads to one (notices, asks, digests, search
 * hits, the pages' own links and redirects). Threads are read in pages of replies, so a bare
 * {@code /threads/1#reply-2} opens the page the reader would land on (the first unread reply) and misses a reply on
 * another page. A link names the reply instead ({@link #reply}, {@code /threads/1/replies/2}), a stable address kept
 * in stored notices, which answers with the page that holds it ({@link #page}).
 */
public final class PostLinks {
  private PostLinks() {}

  /** A reply's address, which leads to the page of its thread that holds it. */
  public static String reply(long threadId, long replyId) {
    return "/threads/" + threadId + "/replies/" + replyId;
  }

  /** As {@link #reply(long, long)}, with what it passes on to the page ({@code notice=...}, {@code edit=...}; encoded). */
  public static String reply(long threadId, long replyId, String query) {
    return reply(threadId, replyId) + (query.isEmpty() ? "" : "?" + query);
  }

  /**
   * The page that holds a reply, scrolled to it: the thread's page when all its replies fit one ({@code paged} false),
   * else the page of replies that starts at it; {@code query} is more of the page's query (encoded; empty for none).
   */
  public static String page(long threadId, long replyId, boolean paged, String query) {
    String more = query.isEmpty() ? "" : (paged ? "&" : "?") + query;
    return "/threads/" + threadId + (paged ? "?after=" + (replyId - 1) : "") + more + "#reply-" + replyId;
  }

  /** The page a post's address is on: its thread's ({@code /threads/1} for {@code /threads/1/replies/2}), else itself. */
  public static String thread(String address) {
    if (!address.startsWith("/threads/")) return address;
    int replies = address.indexOf("/replies/", "/threads/".length());
    return replies < 0 ? address : address.substring(0, replies);
  }
}
