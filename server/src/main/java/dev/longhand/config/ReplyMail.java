package dev.longhand.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reply by email: where replies come in (an embedded SMTP listener, an IMAP mailbox that is polled, or both) and what
 * the signed reply addresses look like. Off (no listener, no mailbox) means mail carries no Reply-To.
 *
 * @param listen   {@code LONGHAND_SMTP_LISTEN}: host and port of the embedded SMTP listener, e.g. {@code 0.0.0.0:2525}
 * @param imap     {@code LONGHAND_IMAP_URL}: the mailbox polled for replies, e.g. {@code imaps://user:pass@host/INBOX}
 * @param imapPoll {@code LONGHAND_IMAP_POLL}: how often the mailbox is read
 * @param address  {@code LONGHAND_REPLY_ADDRESS}: the base of reply addresses, {@code reply@<domain>}; each address is
 *                 {@code <local>+<token>@<domain>}. Empty: {@code reply@} the From address's domain
 * @param ttl      {@code LONGHAND_REPLY_TTL}: how long a reply address works after its mail was written
 * @param maxSize  {@code LONGHAND_REPLY_MAX_SIZE}: the largest reply the listener or the poller takes, in bytes
 */
public record ReplyMail(Optional<InetSocketAddress> listen, Optional<Imap> imap, Duration imapPoll, String address, Duration ttl,
    long maxSize) {
  public static final Duration DEFAULT_POLL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_TTL = Duration.ofDays(30);
  public static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024;
  public static final ReplyMail OFF = new ReplyMail(Optional.empty(), Optional.empty(), DEFAULT_POLL, "", DEFAULT_TTL, DEFAULT_MAX_SIZE);

  /** An IMAP mailbox; the password never appears in {@link #toString}. */
  public record Imap(boolean tls, String host, int port, String user, String password, String folder) {
    public String protocol() {
      return tls ? "imaps" : "imap";
    }

    @Override
    public String toString() {
      return protocol() + "://" + user + ":***@" + host + ":" + port + "/" + folder;
    }
  }

  public ReplyMail {
    address = address == null ? "" : address.strip();
    if (!address.isEmpty() && !address.matches("[^@\\s+]+@[^@\\s]+")) {
      throw new IllegalArgumentException("LONGHAND_REPLY_ADDRESS must be an address such as reply@replies.example.com"
          + " (no + in it: the token follows one), not '" + address + "'");
    }
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("LONGHAND_REPLY_TTL must be above zero");
  }

  /** Whether replies can come in at all, and so whether mail carries reply addresses. */
  public boolean enabled() {
    return listen.isPresent() || imap.isPresent();
  }

  public ReplyMail withListen(InetSocketAddress at) {
    return new ReplyMail(Optional.of(at), imap, imapPoll, address, ttl, maxSize);
  }

  public ReplyMail withImap(String url, Duration poll) {
    return new ReplyMail(listen, Optional.of(imap(url)), poll, address, ttl, maxSize);
  }

  public ReplyMail withAddress(String base) {
    return new ReplyMail(listen, imap, imapPoll, base, ttl, maxSize);
  }

  public ReplyMail withMaxSize(long bytes) {
    return new ReplyMail(listen, imap, imapPoll, address, ttl, bytes);
  }

  static ReplyMail fromEnvironment(Map<String, String> env) {
    String listen = env.getOrDefault("LONGHAND_SMTP_LISTEN", "").strip();
    String imap = env.getOrDefault("LONGHAND_IMAP_URL", "").strip();
    return new ReplyMail(listen.isEmpty() ? Optional.empty() : Optional.of(hostPort(listen)),
        imap.isEmpty() ? Optional.empty() : Optional.of(imap(imap)),
        Operations.duration(env.getOrDefault("LONGHAND_IMAP_POLL", "1m"), "LONGHAND_IMAP_POLL"),
        env.getOrDefault("LONGHAND_REPLY_ADDRESS", ""),
        Operations.duration(env.getOrDefault("LONGHAND_REPLY_TTL", "30d"), "LONGHAND_REPLY_TTL"),
        Config.parseSize(env.getOrDefault("LONGHAND_REPLY_MAX_SIZE", "10MB"), "LONGHAND_REPLY_MAX_SIZE"));
  }

  /** {@code host:port}, {@code [v6]:port} or {@code :port} (every interface). */
  static InetSocketAddress hostPort(String text) {
    String usage = "LONGHAND_SMTP_LISTEN must be host:port such as 0.0.0.0:2525, not '" + text + "'";
    int colon = text.lastIndexOf(':');
    if (colon < 0) throw new IllegalArgumentException(usage);
    String host = text.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(usage);
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException(usage + " (the port must be 1 to 65535)");
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** {@code imaps://user:password@host[:port]/FOLDER} (folder INBOX unless given; @ in the user name as %40). */
  public static Imap imap(String text) {
    String usage = "LONGHAND_IMAP_URL must look like imaps://user:password@host/INBOX";
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(usage + "; it is not a valid URL (percent-encode the user name and password, @ as %40)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("imap") && !scheme.equals("imaps")) throw new IllegalArgumentException(usage + "; it starts with '" + scheme + ":'");
    if (uri.getHost() == null) throw new IllegalArgumentException(usage + "; the host is missing");
    String info = uri.getRawUserInfo();
    if (info == null || info.indexOf(':') < 1) throw new IllegalArgumentException(usage + "; the user name and password are missing");
    boolean tls = scheme.equals("imaps");
    int port = uri.getPort() == -1 ? (tls ? 993 : 143) : uri.getPort();
    String folder = uri.getPath() == null || uri.getPath().length() <= 1 ? "INBOX" : uri.getPath().substring(1);
    return new Imap(tls, uri.getHost(), port, decode(info.substring(0, info.indexOf(':'))), decode(info.substring(info.indexOf(':') + 1)), folder);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the user name or password in LONGHAND_IMAP_URL has a broken %-escape");
    }
  }
}
