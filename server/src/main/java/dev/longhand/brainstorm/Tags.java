package dev.longhand.brainstorm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes that stand for people inside one brainstorm: HMAC-SHA256 of a person's id under the brainstorm's own
 * random key. The same person always gets the same tag in one brainstorm (so "mine", withdrawing and counting dots
 * work) and unrelated tags in others; a row shows no account id. Once the key is erased (at closing) nobody can
 * compute a tag again.
 */
final class Tags {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tags() {}

  /** A new random key, 32 bytes as base64 (44 characters). */
  static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The tag of a person in the brainstorm whose key this is. */
  static String person(String key, long accountId) {
    return hash(key, "person:" + accountId);
  }

  /**
   * A reader's own order of the ideas during voting: a stable shuffle, different for each reader, so that no idea
   * gains from always being shown first and the order tells nothing about when an idea was written.
   */
  static String order(String key, long accountId, long ideaId) {
    return hash(key, "order:" + accountId + ":" + ideaId);
  }

  private static String hash(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
