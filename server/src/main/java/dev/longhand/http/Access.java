package dev.longhand.http;

/**
 * Who may reach a route at all. Finer checks (workspace, space, role) are the service's job,
 * on every read and write; this is the first gate, and every route must name one.
 */
public enum Access {
  /** Anyone, signed in or not: sign-up, sign-in, health, the OpenAPI document. */
  ANYONE,
  /** Any signed-in person; the service then checks workspace, space and role. */
  SIGNED_IN
}
