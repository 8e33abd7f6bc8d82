package dev.longhand.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where email goes, from one URL: {@code smtp://user:password@mail.example.com:587?starttls=true} or
 * {@code smtps://user:password@mail.example.com:465}. The user name and password are percent-encoded ({@code @} as
 * {@code %40}).
 *
 * <ul>
 *   <li>{@code smtps://}: TLS from the first byte; port 465 unless given.
 *   <li>{@code smtp://}: port 25 unless given; {@code ?starttls=true} requires STARTTLS (the connection fails rather
 *       than go on in the clear), {@code ?starttls=false} never uses it. Without the option, STARTTLS is required
 *       when the URL has a password (so a password is never sent in the clear by accident) and off otherwise.
 * </ul>
 *
 * <p>The password never appears in {@link #toString} or in error messages.
 */
public record SmtpUrl(boolean implicitTls, boolean startTls, String host, int port, String user, String password) {

  /** Parses {@code text}; errors name {@code setting} (e.g. LONGHAND_SMTP_URL) and never repeat the password. */
  public static SmtpUrl parse(String text, String setting) {
    String usage = setting + " must look like smtp://user:password@host:587?starttls=true or smtps://user:password@host:465";
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(usage + "; it is not a valid URL (percent-encode the user name and password, @ as %40)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
      throw new IllegalArgumentException(usage + "; it starts with '" + (scheme.isEmpty() ? "" : scheme + ":") + "'");
    }
    boolean implicitTls = scheme.equals("smtps");
    if (uri.getHost() == null || uri.getHost().isBlank()) throw new IllegalArgumentException(usage + "; the host is missing");
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      throw new IllegalArgumentException(usage + "; it has a path, which SMTP has no use for");
    }
    if (uri.getRawFragment() != null) throw new IllegalArgumentException(usage + "; it has a #fragment");
    int port = uri.getPort() == -1 ? (implicitTls ? 465 : 25) : uri.getPort();
    if (port < 1 || port > 65535) throw new IllegalArgumentException(usage + "; the port must be 1 to 65535");

    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      if (user.isEmpty()) throw new IllegalArgumentException(usage + "; the user name is empty");
    }

    Boolean startTls = null;
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String option : query.split("&")) {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq);
        String value = eq < 0 ? "" : option.substring(eq + 1).toLowerCase(Locale.ROOT);
        if (!name.equals("starttls")) {
          throw new IllegalArgumentException(usage + "; '" + name + "' is not an option (the only one is starttls)");
        }
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException(usage + "; starttls must be true or false, not '" + value + "'");
        }
        startTls = value.equals("true");
      }
    }
    if (implicitTls && startTls != null) {
      throw new IllegalArgumentException(usage + "; smtps:// is TLS from the start, so starttls applies only to smtp://");
    }
    boolean useStartTls = !implicitTls && (startTls != null ? startTls : password != null);
    return new SmtpUrl(implicitTls, useStartTls, uri.getHost(), port, user, password);
  }

  /** The Jakarta Mail protocol name: {@code smtp} or {@code smtps}. */
  public String protocol() {
    return implicitTls ? "smtps" : "smtp";
  }

  public boolean authenticates() {
    return user != null;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a user name or password in the SMTP URL has a broken %-escape");
    }
  }

  @Override
  public String toString() {
    return protocol() + "://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@") + host + ":" + port
        + (implicitTls ? "" : "?starttls=" + startTls);
  }
}
