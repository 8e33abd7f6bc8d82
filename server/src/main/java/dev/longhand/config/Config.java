package dev.longhand.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Longhand reads from its environment, in one record. Environment variables give
 * the values; command-line flags override them (see {@link #withOverrides}).
 *
 * @param port           HTTP port; 0 picks a free one
 * @param dataDir        where SQLite, the search index and uploads live
 * @param databaseUrl    a JDBC URL; empty means embedded SQLite in {@code dataDir}
 * @param baseUrl        the address people use to reach this server, for links in mail and invitations
 * @param host           the interface to listen on
 * @param trustProxy     whether to take the client's address from X-Forwarded-For (only behind a proxy you run)
 * @param smtpUrl        the SMTP server that sends email, or null when email is switched off
 * @param mailFrom       the From address of email; empty means {@code longhand@<host of the base URL>}
 * @param maxUpload      the largest recording accepted, in bytes
 * @param passwordCost   the cost of argon2id password hashes: always {@link PasswordCost#OWASP} from the
 *                       environment; only tests lower it (no variable sets it, so no operator can by accident)
 * @param ops            metrics access, rate limits and outbox retention
 * @param maxFile        the largest file (an attachment, an image) accepted, in bytes
 * @param signIn         passwords on or off, and the OpenID Connect provider if any (see {@link SignIn})
 * @param replyMail      reply by email: the SMTP listener, the IMAP mailbox, the reply addresses (off by default)
 * @param webhookAllow   address ranges webhooks may reach although they are internal (loopback, private, ...)
 * @param storageUrl     the S3 bucket that keeps recordings and files; empty: {@code dataDir} does (see {@link StorageUrl})
 */
public record Config(int port, Path dataDir, Optional<String> databaseUrl, String baseUrl, String host, boolean trustProxy,
    SmtpUrl smtpUrl, String mailFrom, long maxUpload, PasswordCost passwordCost, Operations ops, long maxFile, SignIn signIn,
    ReplyMail replyMail, java.util.List<Cidr> webhookAllow, Optional<StorageUrl> storageUrl) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_UPLOAD = 2L * 1024 * 1024 * 1024;
  public static final long DEFAULT_MAX_FILE = 25L * 1024 * 1024;

  /** Argon2id's memory in KiB, passes and lanes; a stored hash names its own, so hashes of any cost verify. */
  public record PasswordCost(int memoryKib, int iterations, int parallelism) {
    /** OWASP's recommendation for argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final PasswordCost OWASP = new PasswordCost(19_456, 2, 1);
  }

  /** With production password hashing and the default operations settings. */
  public Config(int port, Path dataDir, Optional<String> databaseUrl, String baseUrl, String host, boolean trustProxy,
      SmtpUrl smtpUrl, String mailFrom, long maxUpload) {
    this(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, PasswordCost.OWASP, Operations.DEFAULTS,
        DEFAULT_MAX_FILE, SignIn.PASSWORDS_ONLY, ReplyMail.OFF, java.util.List.of(), Optional.empty());
  }

  /** With the default upload limit. */
  public Config(int port, Path dataDir, Optional<String> databaseUrl, String baseUrl, String host, boolean trustProxy,
      SmtpUrl smtpUrl, String mailFrom) {
    this(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, DEFAULT_MAX_UPLOAD);
  }

  /** Without email settings (email switched off). */
  public Config(int port, Path dataDir, Optional<String> databaseUrl, String baseUrl, String host, boolean trustProxy) {
    this(port, dataDir, databaseUrl, baseUrl, host, trustProxy, null, "");
  }

  public Config {
    mailFrom = mailFrom == null ? "" : mailFrom.trim();
    passwordCost = passwordCost == null ? PasswordCost.OWASP : passwordCost;
    ops = ops == null ? Operations.DEFAULTS : ops;
    maxFile = maxFile <= 0 ? DEFAULT_MAX_FILE : maxFile;
    signIn = signIn == null ? SignIn.PASSWORDS_ONLY : signIn;
    replyMail = replyMail == null ? ReplyMail.OFF : replyMail;
    webhookAllow = webhookAllow == null ? java.util.List.of() : java.util.List.copyOf(webhookAllow);
    storageUrl = storageUrl == null ? Optional.empty() : storageUrl;
  }

  public static Config fromEnvironment(Map<String, String> env) {
    int port = parsePort(env.getOrDefault("LONGHAND_PORT", String.valueOf(DEFAULT_PORT)), "LONGHAND_PORT");
    Path dataDir = Path.of(env.getOrDefault("LONGHAND_DATA_DIR", "longhand-data"));
    Optional<String> url = Optional.ofNullable(env.get("LONGHAND_DATABASE_URL")).filter(s -> !s.isBlank());
    String host = env.getOrDefault("LONGHAND_HOST", "127.0.0.1");
    String baseUrl = env.getOrDefault("LONGHAND_BASE_URL", "");
    boolean trustProxy = Boolean.parseBoolean(env.getOrDefault("LONGHAND_TRUST_PROXY", "false"));
    String smtp = env.getOrDefault("LONGHAND_SMTP_URL", "");
    SmtpUrl smtpUrl = smtp.isBlank() ? null : SmtpUrl.parse(smtp, "LONGHAND_SMTP_URL");
    long maxUpload = parseSize(env.getOrDefault("LONGHAND_MAX_UPLOAD", "2GB"), "LONGHAND_MAX_UPLOAD");
    long maxFile = parseSize(env.getOrDefault("LONGHAND_MAX_FILE", "25MB"), "LONGHAND_MAX_FILE");
    return new Config(port, dataDir, url, baseUrl, host, trustProxy, smtpUrl, env.getOrDefault("LONGHAND_MAIL_FROM", ""), maxUpload,
        PasswordCost.OWASP, Operations.fromEnvironment(env), maxFile,
        SignIn.fromEnvironment(env), ReplyMail.fromEnvironment(env),
        Cidr.parseList(env.getOrDefault("LONGHAND_WEBHOOK_ALLOW", ""), "LONGHAND_WEBHOOK_ALLOW"),
        Optional.ofNullable(env.get("LONGHAND_STORAGE_URL")).filter(s -> !s.isBlank()).map(s -> StorageUrl.parse(s, "LONGHAND_STORAGE_URL")));
  }

  public Config withOverrides(Integer port, Path dataDir, String databaseUrl, String baseUrl) {
    return new Config(
        port != null ? port : this.port,
        dataDir != null ? dataDir : this.dataDir,
        databaseUrl != null ? Optional.of(databaseUrl).filter(s -> !s.isBlank()) : this.databaseUrl,
        baseUrl != null ? baseUrl : this.baseUrl,
        host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with email sent through {@code smtpUrl} (null switches it off) from {@code mailFrom}. */
  public Config withMail(SmtpUrl smtpUrl, String mailFrom) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with another upload limit, in bytes. */
  public Config withMaxUpload(long bytes) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, bytes, passwordCost, ops, maxFile, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with another limit for files (attachments, images), in bytes. */
  public Config withMaxFile(long bytes) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, bytes, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with another password cost: for tests, which need no protection from guessing. */
  public Config withPasswordCost(PasswordCost cost) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, cost, ops, maxFile, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with other operations settings (metrics access, rate limits, outbox retention). */
  public Config withOperations(Operations ops) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with other sign-in settings (passwords on or off, a single sign-on provider). */
  public Config withSignIn(SignIn signIn) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, replyMail, webhookAllow, storageUrl);
  }

  /** The same settings with reply by email set up as {@code reply} says. */
  public Config withReplyMail(ReplyMail reply) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, reply, webhookAllow, storageUrl);
  }

  /** The same settings with webhooks allowed to reach these ranges (a receiver on this host, say). */
  public Config withWebhookAllow(java.util.List<Cidr> ranges) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, replyMail, ranges, storageUrl);
  }

  /** The same settings with recordings and files kept in this S3 bucket (null: in the data directory). */
  public Config withStorageUrl(StorageUrl url) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom, maxUpload, passwordCost, ops, maxFile, signIn, replyMail, webhookAllow, Optional.ofNullable(url));
  }

  /** The From address of email: the configured one, or {@code longhand@<host of the base URL>}. */
  public String mailFromAddress() {
    if (!mailFrom.isBlank()) return mailFrom;
    String baseHost = null;
    try {
      baseHost = baseUrl.isBlank() ? null : java.net.URI.create(baseUrl.trim()).getHost();
    } catch (IllegalArgumentException e) {
      // an unusable base URL: fall back below
    }
    return "longhand@" + (baseHost == null || baseHost.isBlank() ? "localhost" : baseHost);
  }

  /** The JDBC URL to use: the configured one, or SQLite inside the data directory. */
  public String jdbcUrl() {
    return databaseUrl.orElseGet(() -> "jdbc:sqlite:" + dataDir.resolve("longhand.db").toAbsolutePath());
  }

  /** The public base URL, defaulting to the local address once the real port is known. */
  public String baseUrlFor(int actualPort) {
    return baseUrl.isBlank() ? "http://localhost:" + actualPort : baseUrl.replaceAll("/+$", "");
  }

  public boolean secureCookies() {
    return baseUrl.startsWith("https://");
  }

  /** A size such as {@code 2GB}, {@code 500MB}, {@code 750k} or plain bytes; units are binary (1 KB = 1024 bytes). */
  public static long parseSize(String value, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d{1,12})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\\s*")
        .matcher(value == null ? "" : value);
    if (!m.matches()) throw new IllegalArgumentException(name + " must be a size such as 2GB, 500MB or 1048576, not '" + value + "'");
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT).substring(0, 1);
    int shift = switch (unit) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    long n = Long.parseLong(m.group(1));
    if (n == 0 || n > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException(name + " must be a size above zero, not '" + value + "'");
    return n << shift;
  }

  private static int parsePort(String value, String name) {
    try {
      int p = Integer.parseInt(value.trim());
      if (p < 0 || p > 65535) throw new NumberFormatException();
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number between 0 and 65535, not '" + value + "'");
    }
  }
}
