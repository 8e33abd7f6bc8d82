package dev.longhand.account;

import java.nio.charset.StandardCharsets;

/**
 * Where to send a person after they sign in or up: the {@code next} they came with, but only when a browser would
 * read it as a page of this site. Browsers clean a location before they follow it: they drop tabs, newlines and
 * carriage returns anywhere, read a backslash as a slash, and some read percent-encoded slashes as slashes, so
 * {@code /\t/evil.example} and {@code /%2F/evil.example} both mean {@code //evil.example}, another site. Any of
 * those, any other control character or space, and anything that is not a path from the root goes to the fallback.
 */
public final class NextPage {
  private static final int MAX_LENGTH = 2000;

  private NextPage() {}

  public static String orElse(String next, String fallback) {
    return isLocalPath(next) ? next : fallback;
  }

  public static boolean isLocalPath(String next) {
    if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) return false;
    String seen = next;
    for (int round = 0; round < 3; round++) { // encoded more than twice over is not a link anyone meant
      if (!cleanPath(seen)) return false;
      String decoded = percentDecoded(seen);
      if (decoded == null) return false;
      if (decoded.equals(seen)) return true;
      seen = decoded;
    }
    return false;
  }

  /** A path from the root with nothing a browser would drop or turn into a slash, and no second slash up front. */
  private static boolean cleanPath(String s) {
    if (!s.startsWith("/") || s.startsWith("//")) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) return false;
    }
    return true;
  }

  /** Percent-decoding only ({@code +} stays), or null when an escape is broken. */
  private static String percentDecoded(String s) {
    if (s.indexOf('%') < 0) return s;
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '%') {
        out[n++] = in[i];
        continue;
      }
      if (i + 2 >= in.length) return null;
      int hi = Character.digit(in[i + 1], 16);
      int lo = Character.digit(in[i + 2], 16);
      if (hi < 0 || lo < 0) return null;
      out[n++] = (byte) (hi * 16 + lo);
      i += 2;
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
