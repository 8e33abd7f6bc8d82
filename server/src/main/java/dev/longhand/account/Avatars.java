package dev.longhand.account;

import dev.longhand.http.Problem;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * People's pictures: an upload becomes a 128 px square PNG, and someone without one is shown their initials on a
 * colour of their own.
 *
 * <p>An upload's type is read from its first bytes (PNG, JPEG, WebP), never from its name or the client's
 * Content-Type. Its size is read from the header before anything is decoded, so a small file that claims a huge
 * canvas (a decompression bomb) is refused without allocating it. The picture is then decoded with ImageIO (JPEG and
 * WebP through TwelveMonkeys), turned upright by its EXIF orientation, cropped to its centre square, scaled with
 * Thumbnailator and written out as a new PNG: no metadata of the original (EXIF, GPS, ICC comments) survives.
 */
final class Avatars {
  static final int SIZE = 128;
  /** The largest upload taken: a phone's photo fits, a video does not. */
  static final int MAX_BYTES = 8 * 1024 * 1024;
  /** The largest canvas decoded: 40 megapixels, and no side over 12,000 px. */
  static final long MAX_PIXELS = 40_000_000L;
  static final int MAX_SIDE = 12_000;

  /**
   * Colours for initials, each dark enough for white text (contrast of at least 4.5:1, WCAG AA), picked by the
   * account's id so a person keeps theirs everywhere.
   */
  private static final String[] COLOURS = {
      "#1d4ed8", "#047857", "#b91c1c", "#6d28d9", "#c2410c", "#0e7490",
      "#be185d", "#4d7c0f", "#4338ca", "#0f766e", "#9a3412", "#7e22ce"};

  private Avatars() {}

  enum Kind { PNG, JPEG, WEBP }

  /** What the first bytes say the file is, or empty. */
  static java.util.Optional<Kind> sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) return java.util.Optional.of(Kind.PNG);
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return java.util.Optional.of(Kind.JPEG);
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return java.util.Optional.of(Kind.WEBP);
    return java.util.Optional.empty();
  }

  /** The upload as a 128 px square PNG; 415 (field {@code file}) for anything but a readable PNG, JPEG or WebP. */
  static byte[] squarePng(byte[] upload) {
    if (upload.length == 0) throw Problem.invalid("file", "Choose a picture to upload.");
    if (upload.length > MAX_BYTES) throw Problem.tooLarge("file", "A picture may be at most " + (MAX_BYTES >> 20) + " MB.");
    Kind kind = sniff(upload).orElseThrow(() -> Problem.unsupportedType("file", "A picture must be a PNG, JPEG or WebP image."));
    checkCanvas(upload, kind);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      // From the stream, not a decoded image: Thumbnailator then applies a JPEG's EXIF orientation.
      Thumbnails.of(new ByteArrayInputStream(upload))
          .crop(Positions.CENTER)
          .size(SIZE, SIZE)
          .imageType(BufferedImage.TYPE_INT_ARGB)
          .outputFormat("png")
          .toOutputStream(out);
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw Problem.unsupportedType("file", "This " + kind.name() + " image could not be read.");
    }
  }

  /** Reads the canvas size from the header alone and refuses one too large to decode safely. */
  private static void checkCanvas(byte[] upload, Kind kind) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) throw Problem.unsupportedType("file", "This " + kind.name() + " image could not be read.");
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS) {
          throw Problem.invalid("file", "A picture may be at most " + MAX_SIDE + " px on a side and 40 megapixels.");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw Problem.unsupportedType("file", "This " + kind.name() + " image could not be read.");
    }
  }

  /** One or two letters for a name: the first of its first and last words ("Ana Lima" is "AL"). */
  static String initials(String name) {
    String[] words = name == null ? new String[0] : name.strip().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) return "?";
    StringBuilder sb = new StringBuilder();
    sb.appendCodePoint(words[0].codePointAt(0));
    if (words.length > 1) sb.appendCodePoint(words[words.length - 1].codePointAt(0));
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  /** The account's colour: the same on every page and for every viewer. */
  static String colour(long accountId) {
    long mixed = accountId * 0x9E3779B97F4A7C15L; // ids are time-ordered: mix so neighbours differ
    return COLOURS[(int) Math.floorMod(mixed >>> 40, (long) COLOURS.length)];
  }

  /** Initials on the account's colour, as a small SVG image. */
  static byte[] initialsSvg(long accountId, String name) {
    String text = escape(initials(name));
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + SIZE + "\" height=\"" + SIZE + "\" viewBox=\"0 0 128 128\">"
        + "<rect width=\"128\" height=\"128\" fill=\"" + colour(accountId) + "\"/>"
        + "<text x=\"64\" y=\"64\" dy=\".35em\" text-anchor=\"middle\" fill=\"#fff\" "
        + "font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,sans-serif\" font-size=\"52\" font-weight=\"600\">"
        + text + "</text></svg>";
    return svg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
