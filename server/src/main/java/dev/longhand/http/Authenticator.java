package dev.longhand.http;

import java.util.Optional;

/** Turns a session cookie or an API token into the person behind it. */
public interface Authenticator {
  Optional<Viewer> bySessionToken(String token);

  Optional<Viewer> byApiToken(String token);
}
