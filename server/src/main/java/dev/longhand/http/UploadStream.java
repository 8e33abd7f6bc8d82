package dev.longhand.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body as it arrives, through one bounded buffer: small text fields are
 * kept, the {@code file} part goes straight to a file. The file's first bytes decide its type before anything
 * is written (the {@link Expect}'s {@link Sniffer}, which may refuse it), and the part is refused as soon as it
 * passes the size limit, so neither a wrong file nor an oversized one is ever read to its end. Recordings and
 * files both upload through it.
 */
public final class UploadStream {
  public static final String FILE = "file";
  /** The most of a file's first bytes a {@link Sniffer} is shown (all of them, for a smaller file). */
  public static final int HEAD = 64 * 1024;
  private static final int BUFFER = 256 * 1024;
  private static final int MAX_FIELD = 16 * 1024;
  private static final int MAX_HEADERS = 8 * 1024;
  private static final int MAX_PARTS = 10;
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

  /**
   * Reads a file's type from its first {@code n} bytes of {@code head}; throws a {@link Problem} (415, naming
   * {@code file}) to refuse the file before a byte of it is written. Shown {@link Expect#needed} bytes first (fewer
   * only for a smaller file), then once more with the whole head when the file is complete.
   */
  @FunctionalInterface
  public interface Sniffer {
    String type(byte[] head, int n);
  }

  /**
   * What a route takes: the sentences for a body that is not multipart, one with two files, and one without any;
   * how many first bytes decide the type, and what decides it.
   */
  public record Expect(String notMultipart, String oneFile, String required, int needed, Sniffer sniffer) {
    public Expect {
      if (needed < 1 || needed > HEAD) throw new IllegalArgumentException("needed must be 1 to " + HEAD);
    }
  }

  /** What the body held: its text fields, and the file part's type, size and name as the client gave it. */
  public record Received(Map<String, String> fields, String mediaType, long size, String clientName) {
    /** Text with a NUL in it is refused, naming the field, as {@link Input#refuseNul} does for every other request. */
    public Received {
      fields.forEach(Input::requireNoNul);
      Input.requireNoNul(FILE, clientName);
    }

    public Optional<String> field(String name) {
      return Optional.ofNullable(fields.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
  }

  private final InputStream in;
  private final Expect expect;
  private final byte[] buf = new byte[BUFFER];
  private int start;
  private int end;

  private UploadStream(InputStream in, Expect expect) {
    this.in = in;
    this.expect = expect;
  }

  /** The boundary of a multipart content type, or a problem naming {@code file} when it is not multipart. */
  public static byte[] boundary(String contentType, Expect expect) {
    String type = contentType == null ? "" : contentType;
    Matcher m = BOUNDARY.matcher(type);
    if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !m.find()) {
      throw Problem.invalid(FILE, expect.notMultipart());
    }
    String b = m.group(1) != null ? m.group(1) : m.group(2);
    if (b.length() > 200) throw Problem.invalid(FILE, "The multipart boundary is too long.");
    return b.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads the whole body, writing the file part into {@code target}; a problem names what was wrong. */
  public static Received read(InputStream in, byte[] boundary, WritableByteChannel target, long maxBytes, Expect expect) throws IOException {
    return new UploadStream(in, expect).parts(boundary, target, maxBytes);
  }

  /** The limit is exceeded: said the same way wherever it is noticed (a declared length, or while reading). */
  public static Problem tooLarge(long maxBytes) {
    return Problem.tooLarge(FILE, "The file is larger than this server accepts (" + sizeText(maxBytes) + ").");
  }

  private Received parts(byte[] boundary, WritableByteChannel target, long maxBytes) throws IOException {
    byte[] first = concat("--".getBytes(StandardCharsets.ISO_8859_1), boundary);
    byte[] delimiter = concat("\r\n--".getBytes(StandardCharsets.ISO_8859_1), boundary);
    skipUntil(first);
    Map<String, String> fields = new LinkedHashMap<>();
    FileSink file = null;
    String clientName = "";
    for (int parts = 0; ; parts++) {
      if (!ensure(2)) throw malformed();
      if (buf[start] == '-' && buf[start + 1] == '-') break;
      if (buf[start] != '\r' || buf[start + 1] != '\n') throw malformed();
      start += 2;
      if (parts >= MAX_PARTS) throw Problem.invalid(FILE, "The form has too many parts.");
      String headers = headers();
      Matcher name = NAME.matcher(headers);
      if (!name.find()) throw malformed();
      if (name.group(1).equals(FILE)) {
        if (file != null) throw Problem.invalid(FILE, expect.oneFile());
        Matcher fn = FILENAME.matcher(headers);
        clientName = fn.find() ? fn.group(1) : "";
        file = new FileSink(target, maxBytes, expect);
        copyUntil(delimiter, file);
        file.finish();
      } else {
        FieldSink field = new FieldSink(name.group(1));
        copyUntil(delimiter, field);
        if (fields.size() < MAX_PARTS) fields.put(name.group(1), field.text());
      }
    }
    if (file == null || file.size == 0) throw Problem.invalid(FILE, expect.required());
    return new Received(fields, file.mediaType, file.size, clientName);
  }

  private String headers() throws IOException {
    byte[] blank = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    FieldSink h = new FieldSink(null);
    h.limit = MAX_HEADERS;
    // the part's header lines end at the first blank line; a part without headers starts with it at once
    if (ensure(2) && buf[start] == '\r' && buf[start + 1] == '\n') {
      start += 2;
      return "";
    }
    copyUntil(blank, h);
    return h.text().replace("\r\n", "\n");
  }

  private void skipUntil(byte[] marker) throws IOException {
    copyUntil(marker, (b, off, len) -> {});
  }

  /** Moves bytes to the sink until the marker, which is consumed; the last bytes that could start it are held back. */
  private void copyUntil(byte[] marker, Sink sink) throws IOException {
    while (true) {
      int at = indexOf(marker);
      if (at >= 0) {
        sink.write(buf, start, at - start);
        start = at + marker.length;
        return;
      }
      int safe = end - (marker.length - 1);
      if (safe > start) {
        sink.write(buf, start, safe - start);
        start = safe;
      }
      if (!fill()) throw malformed();
    }
  }

  private int indexOf(byte[] m) {
    byte head = m[0];
    outer:
    for (int i = start; i <= end - m.length; i++) {
      if (buf[i] != head) continue;
      for (int j = 1; j < m.length; j++) if (buf[i + j] != m[j]) continue outer;
      return i;
    }
    return -1;
  }

  private boolean ensure(int n) throws IOException {
    while (end - start < n) if (!fill()) return false;
    return true;
  }

  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) throw malformed();
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) return false;
    end += n;
    return true;
  }

  private static Problem malformed() {
    return Problem.invalid(FILE, "The upload ended early or is not well-formed multipart/form-data.");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private interface Sink {
    void write(byte[] b, int off, int len) throws IOException;
  }

  private static final class FieldSink implements Sink {
    private final String name;
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int limit = MAX_FIELD;

    FieldSink(String name) {
      this.name = name;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (out.size() + len > limit) {
        throw name == null ? malformed() : Problem.invalid(name, "'" + name + "' is too long.");
      }
      out.write(b, off, len);
    }

    String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The file part: held back until its first bytes name its type, then written as it comes, up to the limit. */
  private static final class FileSink implements Sink {
    private final WritableByteChannel target;
    private final long max;
    private final Expect expect;
    private final byte[] head = new byte[HEAD];
    private int headLength;
    private long size;
    private String mediaType;

    FileSink(WritableByteChannel target, long max, Expect expect) {
      this.target = target;
      this.max = max;
      this.expect = expect;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) return;
      size += len;
      if (size > max) throw tooLarge(max);
      int keep = Math.min(len, head.length - headLength);
      System.arraycopy(b, off, head, headLength, keep);
      headLength += keep;
      if (mediaType == null) {
        if (headLength < expect.needed()) return;
        checkType();
        writeAll(ByteBuffer.wrap(head, 0, headLength - keep));
      }
      writeAll(ByteBuffer.wrap(b, off, len));
    }

    void finish() throws IOException {
      if (size == 0) return;
      if (mediaType == null) {
        checkType();
        writeAll(ByteBuffer.wrap(head, 0, headLength));
      }
      mediaType = expect.sniffer().type(head, headLength);
    }

    private void checkType() {
      mediaType = expect.sniffer().type(head, headLength);
    }

    private void writeAll(ByteBuffer bb) throws IOException {
      while (bb.hasRemaining()) target.write(bb);
    }
  }

  /** "2 GB", "100 MB" */
  public static String sizeText(long bytes) {
    String[] units = {"bytes", "KB", "MB", "GB", "TB"};
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.floor(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
  }
}
