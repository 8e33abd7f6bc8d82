package dev.longhand.mail;

import java.util.Optional;

/**
 * Signed, expiring addresses at which a person's reply to a thread is posted in it (reply by email). Notification and
 * digest mails ask for one; {@code mailin.ReplyTokens} makes and checks them. {@link #OFF} when no reply can come in
 * (no SMTP listener, no IMAP mailbox): mails then carry no Reply-To.
 */
public interface ReplyAddresses {
  ReplyAddresses OFF = (accountId, threadId) -> Optional.empty();

  /** The address at which {@code accountId}'s reply to {@code threadId} is posted there, or empty when reply by email is off. */
  Optional<String> forThread(long accountId, long threadId);

  /** The thread a page address leads to ({@code /threads/12}, {@code /threads/12/replies/34}, {@code /threads/12#reply-3}), or 0. */
  static long threadOf(String path) {
    String prefix = "/threads/";
    if (path == null || !path.startsWith(prefix)) return 0;
    int end = prefix.length();
    while (end < path.length() && end - prefix.length() < 20 && path.charAt(end) >= '0' && path.charAt(end) <= '9') end++;
    int digits = end - prefix.length();
    if (digits < 1 || digits > 19) return 0;
    if (end < path.length() && "/?#".indexOf(path.charAt(end)) < 0) return 0;
    try {
      return Long.parseLong(path, prefix.length(), end, 10);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
