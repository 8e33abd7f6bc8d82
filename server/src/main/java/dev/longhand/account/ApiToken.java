package dev.longhand.account;

import java.util.Optional;

/** A personal API token as its owner sees it: never the secret itself, which is shown once. */
public record ApiToken(long id, String label, long createdAt, Optional<Long> revokedAt) {
  public boolean active() {
    return revokedAt.isEmpty();
  }
}
