package dev.longhand.workspace;

import java.util.List;
import java.util.Locale;

/** A person's role in a workspace. Guests see only the spaces they were added to. */
public enum Role {
  OWNER, ADMIN, MEMBER, GUEST;

  public static final List<String> INVITABLE = List.of("admin", "member", "guest");

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  public boolean administers() {
    return this == OWNER || this == ADMIN;
  }

  public boolean isGuest() {
    return this == GUEST;
  }
}
