package dev.longhand.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A file's type from its first bytes, never from its name or what the client says. Images (PNG, JPEG, GIF, WebP)
 * and a few common containers (PDF, ZIP, gzip) by their signatures; markup (HTML, SVG, XML) by how its text
 * starts, after a byte order mark and white space, as browsers sniff it; other text as {@code text/plain} when the
 * head is UTF-8 without control characters; anything else is {@code application/octet-stream}. Nothing is refused:
 * what a type may do is {@link #inline}'s decision.
 */
final class ContentSniffer {
  static final String PNG = "image/png";
  static final String JPEG = "image/jpeg";
  static final String GIF = "image/gif";
  static final String WEBP = "image/webp";
  static final String OCTETS = "application/octet-stream";
  /** The images pages show inline, with a thumbnail; everything else is a download. */
  static final Set<String> IMAGES = Set.of(PNG, JPEG, GIF, WEBP);

  /** HTML's sniffing tags (WHATWG MIME Sniffing, "rules for identifying an unknown MIME type"), each followed by a space or '>'. */
  private static final String[] HTML_TAGS = {"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
      "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--"};

  private ContentSniffer() {}

  static String type(byte[] b, int n) {
    if (starts(b, n, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
    if (starts(b, n, 0, 0xFF, 0xD8, 0xFF)) return JPEG;
    if (ascii(b, n, 0, "GIF87a") || ascii(b, n, 0, "GIF89a")) return GIF;
    if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "WEBP")) return WEBP;
    if (ascii(b, n, 0, "%PDF-")) return "application/pdf";
    if (starts(b, n, 0, 'P', 'K', 0x03, 0x04) || starts(b, n, 0, 'P', 'K', 0x05, 0x06)) return "application/zip";
    if (starts(b, n, 0, 0x1F, 0x8B, 0x08)) return "application/gzip";
    String text = text(b, n);
    if (text == null) return OCTETS;
    String t = text.stripLeading().toLowerCase(Locale.ROOT);
    for (String tag : HTML_TAGS) {
      if (!t.startsWith(tag)) continue;
      if (tag.equals("<!--") || (t.length() > tag.length() && (t.charAt(tag.length()) == '>' || Character.isWhitespace(t.charAt(tag.length()))))) {
        return "text/html";
      }
    }
    if (t.startsWith("<svg") || ((t.startsWith("<?xml") || t.startsWith("<!doctype")) && t.contains("<svg"))) return "image/svg+xml";
    if (t.startsWith("<?xml") || t.startsWith("<!doctype")) return t.contains("<html") ? "text/html" : "application/xml";
    return "text/plain";
  }

  /** Whether pages may show a file of this type as itself; every other one is a download. */
  static boolean inline(String type) {
    return IMAGES.contains(type);
  }

  /**
   * The head as text when it is UTF-8 (a sequence cut by the end of the head is fine) without NUL or other control
   * characters than tab, line breaks and form feed; otherwise null.
   */
  private static String text(byte[] b, int n) {
    if (n == 0) return null;
    int off = starts(b, n, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    int end = n;
    // a multi-byte sequence cut by the end of the head: leave it out
    for (int i = n - 1; i >= Math.max(off, n - 4); i--) {
      int c = b[i] & 0xFF;
      if ((c & 0xC0) == 0x80) continue;
      if (c >= 0xC0) {
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + need > n) end = i;
      }
      break;
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, end - off)).toString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return null;
        if (c == 0x7F) return null;
      }
      return s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean starts(byte[] b, int n, int at, int... bytes) {
    if (n < at + bytes.length) return false;
    for (int i = 0; i < bytes.length; i++) if ((b[at + i] & 0xFF) != bytes[i]) return false;
    return true;
  }

  private static boolean ascii(byte[] b, int n, int at, String s) {
    if (n < at + s.length()) return false;
    for (int i = 0; i < s.length(); i++) if (b[at + i] != (byte) s.charAt(i)) return false;
    return true;
  }
}
