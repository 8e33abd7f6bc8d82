package dev.longhand.sso;

/**
 * Why a single sign-on did not sign anyone in, in words for the person at the browser. Never carries a stack trace
 * to the page: what went wrong inside (a library's message) is only logged.
 */
final class SsoFailure extends RuntimeException {
  /** What went wrong, each with its status and a heading for the page. */
  enum Kind {
    /** The browser came back without the sign-in it started, or with another one's state (tampered, replayed, expired). */
    STATE(400, "This sign-in cannot be finished"),
    /** The provider answered with an error (the person cancelled, or it refused). */
    PROVIDER(400, "The sign-in service did not sign you in"),
    /** The provider could not be reached or answered nonsense. */
    UNREACHABLE(502, "The sign-in service cannot be reached"),
    /** The ID token's signature does not verify against the provider's keys. */
    SIGNATURE(400, "The sign-in could not be verified"),
    /** The ID token was for another sign-in (its nonce). */
    NONCE(400, "The sign-in could not be verified"),
    /** The ID token has expired (or was issued in the future). */
    EXPIRED(400, "The sign-in has expired"),
    /** Any other check of the ID token (issuer, audience, missing claims). */
    TOKEN(400, "The sign-in could not be verified"),
    /** The provider gave no email address, or one it has not verified, where an account needs one. */
    EMAIL(403, "Your account cannot be linked");

    final int status;
    final String heading;

    Kind(int status, String heading) {
      this.status = status;
      this.heading = heading;
    }
  }

  private final Kind kind;

  SsoFailure(Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** The sentence for the page: what happened and what to do. */
  String detail() {
    return getMessage();
  }
}
