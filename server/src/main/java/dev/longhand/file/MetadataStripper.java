package dev.longhand.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Writes an image without what its camera or editor said about it (EXIF with GPS positions and serial numbers, XMP,
 * IPTC, comments, embedded previews, data after the image's end), losslessly: segments and chunks are dropped, the
 * pixels' bytes are copied as they are. A JPEG keeps its JFIF header, ICC colour profile and Adobe marker; when its
 * EXIF turned the picture ({@code Orientation} other than 1), a new EXIF segment with that one tag says so again,
 * so a portrait photo stays upright. A PNG loses its {@code eXIf}, text and time chunks, a WebP its {@code EXIF}
 * and {@code XMP } chunks (and their flags). A GIF carries no EXIF and is kept as it is. Streams through small
 * buffers: memory stays flat whatever the size.
 */
final class MetadataStripper {
  /** What a stripped file says about its picture: its EXIF orientation (1 when upright or unknown). */
  record Stripped(int orientation) {}

  /** A file that claims a type by its signature but is not well-formed enough to be cleaned. */
  static final class Damaged extends IOException {
    Damaged(String message) {
      super(message);
    }
  }

  private MetadataStripper() {}

  static Stripped strip(String type, Path in, Path out) throws IOException {
    return switch (type) {
      case ContentSniffer.JPEG -> jpeg(in, out);
      case ContentSniffer.PNG -> {
        png(in, out);
        yield new Stripped(1);
      }
      case ContentSniffer.WEBP -> {
        webp(in, out);
        yield new Stripped(1);
      }
      default -> {
        Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        yield new Stripped(1);
      }
    };
  }

  // ---- JPEG: markers (ITU T.81 B.1) ----

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP0 = 0xE0;
  private static final int APP1 = 0xE1;
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;
  private static final int COM = 0xFE;

  private static Stripped jpeg(Path in, Path out) throws IOException {
    int orientation = jpegOrientation(in);
    try (Reader r = new Reader(Files.newInputStream(in)); OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
      if (r.next() != 0xFF || r.next() != SOI) throw new Damaged("not a JPEG");
      o.write(0xFF);
      o.write(SOI);
      boolean exifWritten = orientation == 1;
      while (true) {
        int marker = r.marker();
        if (marker == EOI) {
          o.write(0xFF);
          o.write(EOI);
          return new Stripped(orientation); // anything after the image's end (other pictures, trailers) is left out
        }
        if (standalone(marker)) {
          o.write(0xFF);
          o.write(marker);
          continue;
        }
        int length = r.u16();
        if (length < 2) throw new Damaged("a JPEG segment is shorter than its length field");
        byte[] data = r.bytes(length - 2);
        if (!exifWritten && !(marker == APP0 && ascii(data, "JFIF\0"))) {
          writeSegment(o, APP1, orientationExif(orientation));
          exifWritten = true;
        }
        if (keep(marker, data)) writeSegment(o, marker, data);
        if (marker == SOS) {
          if (!entropyData(r, o)) return new Stripped(orientation); // a picture cut short: kept as far as it goes
        }
      }
    }
  }

  /** The picture's orientation from its first EXIF segment: 1 when there is none or it cannot be read. */
  private static int jpegOrientation(Path in) throws IOException {
    try (Reader r = new Reader(Files.newInputStream(in))) {
      if (r.next() != 0xFF || r.next() != SOI) throw new Damaged("not a JPEG");
      while (true) {
        int marker = r.marker();
        if (marker == EOI || marker == SOS) return 1;
        if (standalone(marker)) continue;
        int length = r.u16();
        if (length < 2) throw new Damaged("a JPEG segment is shorter than its length field");
        byte[] data = r.bytes(length - 2);
        if (marker == APP1 && ascii(data, "Exif\0")) {
          try {
            Orientation o = ExifUtils.getOrientationFromExif(data);
            return o == null ? 1 : o.ordinal() + 1;
          } catch (RuntimeException unreadable) {
            return 1;
          }
        }
      }
    }
  }

  /**
   * Copies a scan's entropy-coded bytes up to the next marker that is not a restart, which is left for the caller.
   * False when the file ends inside the scan.
   */
  private static boolean entropyData(Reader r, OutputStream o) throws IOException {
    while (true) {
      int b = r.nextOrEnd();
      if (b < 0) return false;
      if (b != 0xFF) {
        o.write(b);
        continue;
      }
      int x = r.nextOrEnd();
      while (x == 0xFF) x = r.nextOrEnd(); // fill bytes
      if (x < 0) return false;
      if (x == 0x00 || (x >= 0xD0 && x <= 0xD7)) {
        o.write(0xFF);
        o.write(x);
        continue;
      }
      r.pushMarker(x);
      return true;
    }
  }

  /** Markers without a length: TEM, RST0-7, SOI, EOI. */
  private static boolean standalone(int marker) {
    return marker == 0x01 || (marker >= 0xD0 && marker <= SOI);
  }

  /** Everything but metadata: APPn only for JFIF (not its JFXX preview), the ICC profile and Adobe's colour transform; no comments. */
  private static boolean keep(int marker, byte[] data) {
    if (marker == COM) return false;
    if (marker >= APP0 && marker <= 0xEF) {
      return (marker == APP0 && ascii(data, "JFIF\0")) || (marker == APP2 && ascii(data, "ICC_PROFILE\0"))
          || (marker == APP14 && ascii(data, "Adobe"));
    }
    return true;
  }

  private static void writeSegment(OutputStream o, int marker, byte[] data) throws IOException {
    o.write(0xFF);
    o.write(marker);
    int length = data.length + 2;
    o.write(length >> 8);
    o.write(length & 0xFF);
    o.write(data);
  }

  /** An EXIF segment's body with one tag, Orientation (0x0112, SHORT), in a big-endian TIFF structure. */
  static byte[] orientationExif(int orientation) {
    ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
    b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // TIFF header, IFD0 at offset 8
    b.putShort((short) 1); // one entry
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    b.putInt(0); // no next IFD
    return b.array();
  }

  private static boolean ascii(byte[] data, String prefix) {
    if (data.length < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) if (data[i] != (byte) prefix.charAt(i)) return false;
    return true;
  }

  /** Bytes through one buffer, with the marker lookahead a JPEG needs. */
  private static final class Reader implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private int pushed = -1;

    Reader(InputStream in) {
      this.in = in;
    }

    int nextOrEnd() throws IOException {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return -1;
        }
      }
      return buf[pos++] & 0xFF;
    }

    int next() throws IOException {
      int b = nextOrEnd();
      if (b < 0) throw new Damaged("the JPEG ends inside its headers");
      return b;
    }

    void pushMarker(int marker) {
      pushed = marker;
    }

    /** The next marker's code, skipping fill bytes. */
    int marker() throws IOException {
      if (pushed >= 0) {
        int m = pushed;
        pushed = -1;
        return m;
      }
      if (next() != 0xFF) throw new Damaged("a JPEG marker was expected");
      int m = next();
      while (m == 0xFF) m = next();
      return m;
    }

    int u16() throws IOException {
      return (next() << 8) | next();
    }

    byte[] bytes(int n) throws IOException {
      byte[] out = new byte[n];
      for (int i = 0; i < n; ) {
        if (pos == end) {
          if (nextOrEnd() < 0) throw new Damaged("the JPEG ends inside a segment");
          pos--;
        }
        int k = Math.min(n - i, end - pos);
        System.arraycopy(buf, pos, out, i, k);
        pos += k;
        i += k;
      }
      return out;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  // ---- PNG: chunks (PNG spec §5.3) ----

  private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

  private static void png(Path in, Path out) throws IOException {
    try (FileChannel src = FileChannel.open(in, StandardOpenOption.READ);
         FileChannel dst = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      long size = src.size();
      copy(src, 0, 8, dst);
      long at = 8;
      ByteBuffer head = ByteBuffer.allocate(8);
      while (at + 12 <= size) {
        head.clear();
        readFully(src, head, at);
        long length = Integer.toUnsignedLong(head.getInt(0));
        String type = new String(head.array(), 4, 4, StandardCharsets.ISO_8859_1);
        long total = 12 + length;
        if (at + total > size) throw new Damaged("a PNG chunk runs past the end of the file");
        if (!PNG_METADATA.contains(type)) copy(src, at, total, dst);
        at += total;
        if (type.equals("IEND")) return;
      }
      throw new Damaged("the PNG has no end chunk");
    }
  }

  // ---- WebP: RIFF chunks (RFC 9649) ----

  private static void webp(Path in, Path out) throws IOException {
    try (FileChannel src = FileChannel.open(in, StandardOpenOption.READ);
         FileChannel dst = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      readFully(src, riff, 0);
      long declared = Integer.toUnsignedLong(riff.getInt(4));
      long end = Math.min(src.size(), 8 + declared);
      dst.write(riff.flip());
      long written = 4; // "WEBP"
      long at = 12;
      ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      while (at + 8 <= end) {
        head.clear();
        readFully(src, head, at);
        String fourcc = new String(head.array(), 0, 4, StandardCharsets.ISO_8859_1);
        long length = Integer.toUnsignedLong(head.getInt(4));
        long total = 8 + length + (length & 1);
        if (at + 8 + length > end) throw new Damaged("a WebP chunk runs past the end of the file");
        total = Math.min(total, end - at);
        if (fourcc.equals("VP8X") && length >= 1) {
          ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(total, 64));
          readFully(src, chunk, at);
          chunk.put(8, (byte) (chunk.get(8) & ~0x0C)); // no EXIF (0x08), no XMP (0x04)
          dst.write(chunk.flip());
          if (total > chunk.capacity()) copy(src, at + chunk.capacity(), total - chunk.capacity(), dst);
          written += total;
        } else if (!fourcc.equals("EXIF") && !fourcc.equals("XMP ")) {
          copy(src, at, total, dst);
          written += total;
        }
        at += total;
      }
      ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) written);
      dst.write(size, 4);
    }
  }

  private static void readFully(FileChannel src, ByteBuffer b, long at) throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      int n = src.read(b, p);
      if (n < 0) throw new EOFException("the image ends early");
      p += n;
    }
  }

  private static void copy(FileChannel src, long at, long count, FileChannel dst) throws IOException {
    long done = 0;
    while (done < count) {
      long n = src.transferTo(at + done, count - done, dst);
      if (n <= 0) throw new EOFException("the image ends early");
      done += n;
    }
  }
}
