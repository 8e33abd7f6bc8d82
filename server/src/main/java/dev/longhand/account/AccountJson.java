package dev.longhand.account;

import java.time.Instant;
import java.util.List;

/** The JSON the account API answers, one record per shape in openapi.json: ids as strings, instants ISO-8601 UTC. */
final class AccountJson {
  private AccountJson() {}

  /** A new account. */
  record SignedUp(String id, String email, String name, String handle) {
    static SignedUp of(Account a) {
      return new SignedUp(String.valueOf(a.id()), a.email(), a.name(), a.handle());
    }
  }

  /** A token just issued: the only time its secret is shown. */
  record Issued(String id, String token, String label) {}

  record Tokens(List<Token> tokens) {}

  record Token(String id, String label, String createdAt, boolean active) {}

  /** {@code Me}: one's own account with the working hours. */
  record Me(String id, String email, String name, String handle, String timeZone, List<Hours> workingHours, String avatarUrl) {
    static Me of(Account.WithSchedule s, String avatarUrl) {
      Account a = s.account();
      return new Me(String.valueOf(a.id()), a.email(), a.name(), a.handle(), a.zone().getId(),
          s.workingHours().stream().map(r -> new Hours(r.day().name(), r.start().toString(), r.end().toString())).toList(),
          avatarUrl);
    }
  }

  /** Where a confirmation link for a new email address was sent. */
  record EmailChangeSent(String sentTo) {}

  /** One's picture, after an upload: its address changes with it. */
  record Avatar(String avatarUrl) {}

  record Hours(String day, String start, String end) {}

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
