package dev.longhand.mailin;

import dev.longhand.mail.ReplyAddresses;
import dev.longhand.store.Database;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring reply addresses: {@code <local>+<token>@<domain>}, where the token is 33 bytes in lower-case base32
 * (53 characters, so the local part stays under SMTP's 64): the key's version (1 byte), the person and the thread
 * (8 bytes each), the expiry in epoch seconds (4 bytes), and the first 12 bytes of HMAC-SHA256 over those 21 bytes
 * under the server's key. Base32 because mail systems may change the case of a local part. Guessing a valid
 * signature takes 2^96 tries on average; the key never leaves the database, and changing a byte of a token makes it
 * {@link Check.Forged}.
 */
public final class ReplyTokens implements ReplyAddresses {
  static final int TOKEN_BYTES = 33;
  private static final int SIGNED = 21;
  private static final int MAC_BYTES = 12;
  private static final byte[] CONTEXT = "longhand reply address\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** What an address says, once checked. */
  public sealed interface Check {
    /** A valid address of this server: post as {@code accountId} in {@code threadId}. */
    record Valid(long accountId, long threadId) implements Check {}

    /** Signed by us, but its time ran out. */
    record Expired(long accountId, long threadId) implements Check {}

    /** A reply address whose signature does not check (tampered, or another server's). */
    record Forged() implements Check {}

    /** Not a reply address of ours at all (another local part or domain, or not a token). */
    record NotOurs() implements Check {}
  }

  private final Clock clock;
  private final Duration ttl;
  private final String local;
  private final String domain;
  private final int version;
  private final Map<Integer, byte[]> keys;

  private ReplyTokens(Clock clock, Duration ttl, String baseAddress, int version, Map<Integer, byte[]> keys) {
    this.clock = clock;
    this.ttl = ttl;
    int at = baseAddress.lastIndexOf('@');
    this.local = baseAddress.substring(0, at).toLowerCase(Locale.ROOT);
    this.domain = baseAddress.substring(at + 1).toLowerCase(Locale.ROOT);
    this.version = version;
    this.keys = Map.copyOf(keys);
  }

  /**
   * The tokens of this server, with its key read from the database (made and stored at the first start, so addresses
   * outlive restarts); {@code baseAddress} is {@code reply@domain}.
   */
  public static ReplyTokens load(Database db, Clock clock, Duration ttl, String baseAddress) {
    MailInStore store = new MailInStore();
    if (db.read(store::newestKey).isEmpty()) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      db.writeAll(h -> store.insertFirstKey(h, Base64.getEncoder().encodeToString(key), clock.millis()));
    }
    MailInStore.Key newest = db.read(store::newestKey).orElseThrow();
    Map<Integer, byte[]> keys = new java.util.HashMap<>();
    db.read(store::keys).forEach((v, secret) -> keys.put(v, Base64.getDecoder().decode(secret)));
    return new ReplyTokens(clock, ttl, baseAddress, newest.version(), keys);
  }

  /** The base address, {@code reply@domain}. */
  public String baseAddress() {
    return local + "@" + domain;
  }

  @Override
  public Optional<String> forThread(long accountId, long threadId) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    ByteBuffer b = ByteBuffer.allocate(TOKEN_BYTES);
    b.put((byte) version).putLong(accountId).putLong(threadId).putInt((int) Math.min(expires, 0xFFFF_FFFFL));
    b.put(mac(keys.get(version), b.array()), 0, MAC_BYTES);
    return Optional.of(local + "+" + Base32.encode(b.array()) + "@" + domain);
  }

  /** Checks an address (a recipient of a message): whose reply to which thread it is, or why it is none. */
  public Check check(String address) {
    String a = address == null ? "" : address.strip().replaceAll("^<(.*)>$", "$1").toLowerCase(Locale.ROOT);
    int at = a.lastIndexOf('@');
    if (at < 0 || !a.substring(at + 1).equals(domain) || !a.startsWith(local + "+")) return new Check.NotOurs();
    Optional<byte[]> decoded = Base32.decode(a.substring(local.length() + 1, at));
    if (decoded.isEmpty() || decoded.get().length != TOKEN_BYTES) return new Check.Forged();
    ByteBuffer b = ByteBuffer.wrap(decoded.get());
    byte[] key = keys.get(b.get() & 0xFF);
    if (key == null) return new Check.Forged();
    byte[] expected = java.util.Arrays.copyOf(mac(key, decoded.get()), MAC_BYTES);
    byte[] given = java.util.Arrays.copyOfRange(decoded.get(), SIGNED, TOKEN_BYTES);
    if (!MessageDigest.isEqual(expected, given)) return new Check.Forged();
    long accountId = b.getLong();
    long threadId = b.getLong();
    long expires = b.getInt() & 0xFFFF_FFFFL;
    if (clock.instant().getEpochSecond() > expires) return new Check.Expired(accountId, threadId);
    return new Check.Valid(accountId, threadId);
  }

  /** HMAC-SHA256 of the signed part of a token (its first 21 bytes). */
  private static byte[] mac(byte[] key, byte[] token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(CONTEXT);
      mac.update(token, 0, SIGNED);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** RFC 4648 base32 in lower case, without padding; decoding ignores case. */
  static final class Base32 {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {}

    static String encode(byte[] bytes) {
      StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
      int buffer = 0;
      int bits = 0;
      for (byte value : bytes) {
        buffer = (buffer << 8) | (value & 0xFF);
        bits += 8;
        while (bits >= 5) {
          out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
          bits -= 5;
        }
      }
      if (bits > 0) out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
      return out.toString();
    }

    static Optional<byte[]> decode(String text) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int buffer = 0;
      int bits = 0;
      for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
        int v = ALPHABET.indexOf(c);
        if (v < 0) return Optional.empty();
        buffer = (buffer << 5) | v;
        bits += 5;
        if (bits >= 8) {
          out.write((buffer >> (bits - 8)) & 0xFF);
          bits -= 8;
        }
      }
      return Optional.of(out.toByteArray());
    }
  }
}
