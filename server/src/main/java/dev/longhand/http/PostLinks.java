package dev.longhand.http;

/**
 * The addresses of a thread's replies, in one form wherever something leads to one (notices, asks, digests, search
 * hits, the pages' own links). Threads are read in pages of replies, so a bare {@code /threads/1#reply-2} opens the
 * page the reader would land on (the first unread reply) and misses a reply on another page. A link names the reply
 * instead ({@link #reply}, {@code /threads/1/replies/2}), a stable address kept in stored notices, which answers with
 * the page that holds it ({@link #page}).
 */
public final class PostLinks {
  private PostLinks() {}

  /** A reply's address, which leads to the page of its thread that holds it. */
  public static String reply(long threadId, long replyId) {
    return "/threads/" + threadId + "/replies/" + replyId;
  }

  /** The page of the thread's replies that starts at the reply, scrolled to it. */
  public static String page(long threadId, long replyId) {
    return page(threadId, replyId, "");
  }

  /** As {@link #page(long, long)}, with more of a query ({@code notice=...}, already encoded; empty for none). */
  public static String page(long threadId, long replyId, String query) {
    return "/threads/" + threadId + "?after=" + (replyId - 1) + (query.isEmpty() ? "" : "&" + query) + "#reply-" + replyId;
  }

  /** The page a post's address is on: its thread's ({@code /threads/1} for {@code /threads/1/replies/2}), else itself. */
  public static String thread(String address) {
    if (!address.startsWith("/threads/")) return address;
    int replies = address.indexOf("/replies/", "/threads/".length());
    return replies < 0 ? address : address.substring(0, replies);
  }
}
