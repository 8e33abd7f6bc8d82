package dev.longhand.export;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * The password of an account an import made: an Argon2id hash of 32 random bytes nobody ever sees, so the account
 * cannot be signed into until its owner sets a password through "Forgot password" at their address, which is how it
 * is claimed. The secret is unguessable, so the hash's cost is the smallest.
 */
final class Unclaimed {
  private static final Argon2Function CHEAP = Argon2Function.getInstance(8, 1, 1, 32, Argon2.ID);

  private Unclaimed() {}

  static String passwordHash() {
    return Password.hash(WorkspaceImporter.hex(32)).addRandomSalt(16).with(CHEAP).getResult();
  }
}
