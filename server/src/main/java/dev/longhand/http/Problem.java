package dev.longhand.http;

import java.util.Optional;

/**
 * A failure to show the client as an RFC 9457 problem: a status, a short title, a sentence of
 * detail and, for bad input, the field at fault. Services throw these; the server renders them
 * as problem+json for the API and as a readable page for people.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final String field;
  private final long retryAfterSeconds;

  private Problem(int status, String type, String title, String detail, String field) {
    this(status, type, title, detail, field, -1);
  }

  private Problem(int status, String type, String title, String detail, String field, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static Problem invalid(String field, String detail) {
    return new Problem(400, "invalid-input", "Invalid input", detail, field);
  }

  public static Problem unauthorized() {
    return new Problem(401, "unauthorized", "Sign in required", "Sign in, or send an API token as 'Authorization: Bearer <token>'.", null);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Not allowed", detail, null);
  }

  /** Unknown and foreign things look the same: nobody learns that something exists elsewhere. */
  public static Problem notFound(String what) {
    return new Problem(404, "not-found", "Not found", "No such " + what + ".", null);
  }

  public static Problem conflict(String field, String detail) {
    return new Problem(409, "conflict", "Conflict", detail, field);
  }

  /** A body larger than this server accepts (an upload over the limit), refused while it was arriving. */
  public static Problem tooLarge(String field, String detail) {
    return new Problem(413, "too-large", "Too large", detail, field);
  }

  /** Content of a kind this route does not take (an upload that is not audio or video). */
  public static Problem unsupportedType(String field, String detail) {
    return new Problem(415, "unsupported-type", "Unsupported type", detail, field);
  }

  public static Problem tooManyRequests(String detail) {
    return new Problem(429, "too-many-requests", "Too many requests", detail, null);
  }

  /**
   * Too soon for this person (a thread's slow mode): 429 naming the field and, in the detail, when they may try again;
   * answered with Retry-After.
   */
  public static Problem tooSoon(String field, String detail, java.time.Duration retryAfter) {
    return new Problem(429, "too-soon", "Too soon", detail, field, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
  }

  /** The server is too busy for this request now (all password hashing slots taken); answered with Retry-After. */
  public static Problem busy(String detail, java.time.Duration retryAfter) {
    return new Problem(503, "busy", "Busy", detail, null, Math.max(1, retryAfter.toSeconds()));
  }

  /** The server cannot keep writes now (its storage failed); it stays so until an operator restarts it. No Retry-After. */
  public static Problem unavailable(String detail) {
    return new Problem(503, "storage-unavailable", "Storage unavailable", detail, null);
  }

  public static Problem serverError() {
    return new Problem(500, "server-error", "Something went wrong", "The server could not complete this request. It has been logged.", null);
  }

  public static Problem csrf() {
    return new Problem(403, "csrf", "Form expired", "This form is out of date or came from another site. Reload the page and try again.", null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return "/problems/" + type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** Seconds for the Retry-After header, when the client should come back later. */
  public java.util.OptionalLong retryAfterSeconds() {
    return retryAfterSeconds < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(retryAfterSeconds);
  }
}
