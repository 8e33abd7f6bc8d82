package dev.longhand.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Password hashing with argon2id at OWASP's recommended cost (19 MiB, 2 passes). */
final class Passwords {
  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  /** Checked against when the account does not exist, so a wrong email costs as much time as a wrong password. */
  private static final String DECOY = hash("not a real password, only here to spend time");

  private Passwords() {}

  static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  static boolean matches(String password, String hash) {
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }

  static void spendTimeAsIfChecking(String password) {
    matches(password, DECOY);
  }
}
