package dev.longhand.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where recordings and files keep their bytes when not on this machine's disk: an S3 bucket, from one URL,
 * {@code s3://bucket/optional/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&path-style=true}. Credentials are
 * not in it: they come from {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} or the rest of the AWS SDK's
 * default chain (a profile, a container or instance role).
 *
 * <ul>
 *   <li>{@code prefix}: the path, if any; objects are {@code <prefix>/recordings/<name>} and {@code <prefix>/files/<key>}.
 *   <li>{@code endpoint}: an S3-compatible service (MinIO, Ceph, R2, s3proxy ...), {@code http://} or {@code https://};
 *       without it, AWS itself.
 *   <li>{@code region}: the bucket's region; without it the SDK's own lookup ({@code AWS_REGION}, the profile), or
 *       {@code us-east-1} when an endpoint is given (most S3-compatible services ignore it).
 *   <li>{@code path-style}: {@code true} addresses the bucket as {@code <endpoint>/<bucket>} rather than as
 *       {@code <bucket>.<endpoint>}; the default is {@code true} with an endpoint, {@code false} without.
 * </ul>
 */
public record StorageUrl(String bucket, String prefix, Optional<URI> endpoint, Optional<String> region, boolean pathStyle) {
  /** S3's bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at either end. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  /** Parses {@code text}; errors are one line naming {@code setting} (LONGHAND_STORAGE_URL). */
  public static StorageUrl parse(String text, String setting) {
    String usage = setting + " must look like s3://bucket/optional/prefix?endpoint=https://s3.example.com&region=eu-west-1";
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(usage + "; it is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("s3")) throw new IllegalArgumentException(usage + "; it starts with '" + (scheme.isEmpty() ? "" : scheme + ":") + "'");
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(usage + "; it has a user name or key in it: give credentials as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    String bucket = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    if (bucket.isEmpty()) throw new IllegalArgumentException(usage + "; the bucket is missing");
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException(usage + "; '" + bucket + "' is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
    }
    if (uri.getRawFragment() != null) throw new IllegalArgumentException(usage + "; it has a #fragment");
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
    if (!path.isEmpty() && (!PREFIX.matcher(path).matches() || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./"))) {
      throw new IllegalArgumentException(usage + "; the prefix '" + path + "' may hold only letters, digits, '.', '_', '-' and '/' between them");
    }
    Optional<URI> endpoint = Optional.empty();
    Optional<String> region = Optional.empty();
    Boolean pathStyle = null;
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String option : query.split("&")) {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq);
        String value = eq < 0 ? "" : decode(option.substring(eq + 1), usage);
        switch (name) {
          case "endpoint" -> endpoint = Optional.of(endpoint(value, usage));
          case "region" -> {
            if (!REGION.matcher(value).matches()) throw new IllegalArgumentException(usage + "; region '" + value + "' is not a region name such as eu-west-1");
            region = Optional.of(value);
          }
          case "path-style" -> {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException(usage + "; path-style must be true or false, not '" + value + "'");
            pathStyle = v.equals("true");
          }
          default -> throw new IllegalArgumentException(usage + "; '" + name + "' is not an option (they are endpoint, region and path-style)");
        }
      }
    }
    return new StorageUrl(bucket, path.isEmpty() ? "" : path + "/", endpoint, region, pathStyle != null ? pathStyle : endpoint.isPresent());
  }

  private static URI endpoint(String value, String usage) {
    URI e;
    try {
      e = new URI(value);
    } catch (URISyntaxException bad) {
      throw new IllegalArgumentException(usage + "; endpoint '" + value + "' is not a URL");
    }
    String scheme = e.getScheme() == null ? "" : e.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(usage + "; endpoint must be an http:// or https:// URL, not '" + value + "'");
    }
    if (e.getHost() == null || e.getHost().isBlank()) throw new IllegalArgumentException(usage + "; endpoint '" + value + "' has no host");
    if (e.getRawUserInfo() != null || e.getRawQuery() != null || e.getRawFragment() != null) {
      throw new IllegalArgumentException(usage + "; endpoint must be a plain address such as https://s3.example.com:9000, not '" + value + "'");
    }
    return e;
  }

  private static String decode(String text, String usage) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(usage + "; an option has a broken %-escape");
    }
  }

  /** The URL back, as an operator would write it (it holds no secret). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("s3://").append(bucket).append('/').append(prefix);
    String sep = "?";
    if (endpoint.isPresent()) {
      s.append(sep).append("endpoint=").append(endpoint.get());
      sep = "&";
    }
    if (region.isPresent()) {
      s.append(sep).append("region=").append(region.get());
      sep = "&";
    }
    if (pathStyle != endpoint.isPresent()) s.append(sep).append("path-style=").append(pathStyle);
    return s.toString();
  }
}
