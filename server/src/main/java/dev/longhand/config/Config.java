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
 */
public record Config(int port, Path dataDir, Optional<String> databaseUrl, String baseUrl, String host, boolean trustProxy,
    SmtpUrl smtpUrl, String mailFrom) {

  public static final int DEFAULT_PORT = 8080;

  /** Without email settings (email switched off). */
  public Config(int port, Path dataDir, Optional<String> databaseUrl, String baseUrl, String host, boolean trustProxy) {
    this(port, dataDir, databaseUrl, baseUrl, host, trustProxy, null, "");
  }

  public Config {
    mailFrom = mailFrom == null ? "" : mailFrom.trim();
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
    return new Config(port, dataDir, url, baseUrl, host, trustProxy, smtpUrl, env.getOrDefault("LONGHAND_MAIL_FROM", ""));
  }

  public Config withOverrides(Integer port, Path dataDir, String databaseUrl, String baseUrl) {
    return new Config(
        port != null ? port : this.port,
        dataDir != null ? dataDir : this.dataDir,
        databaseUrl != null ? Optional.of(databaseUrl).filter(s -> !s.isBlank()) : this.databaseUrl,
        baseUrl != null ? baseUrl : this.baseUrl,
        host, trustProxy, smtpUrl, mailFrom);
  }

  /** The same settings with email sent through {@code smtpUrl} (null switches it off) from {@code mailFrom}. */
  public Config withMail(SmtpUrl smtpUrl, String mailFrom) {
    return new Config(port, dataDir, databaseUrl, baseUrl, host, trustProxy, smtpUrl, mailFrom);
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
