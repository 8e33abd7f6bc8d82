package dev.longhand.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves stored bytes with HTTP range requests (RFC 9110 §14), so players can seek and downloads resume:
 * {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n} answer 206 with that slice; a range past the end answers
 * 416; anything else (no Range, several ranges, a malformed one) answers the whole thing. Bytes go from the
 * source to the socket through one bounded buffer, never the whole file in memory. Recordings and files use it.
 */
public final class ByteRanges {
  private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");
  private static final int CHUNK = 256 * 1024;

  private ByteRanges() {}

  /** Where the bytes come from: how many there are, and a channel reading from a position (a file, an object store). */
  public interface Source {
    long size();

    /** A channel that reads from {@code first} on; it is read for at most {@code length} bytes, then closed. */
    ReadableByteChannel open(long first, long length) throws IOException;
  }

  /** What to answer besides the bytes: their type, Content-Disposition and Cache-Control, and what to call them in a 416. */
  public record Answer(String contentType, String disposition, String cacheControl, String noun) {}

  /**
   * What a Range header asks for: bytes {@code first} to {@code last} inclusive, {@code partial} when that is a
   * range rather than the whole file, or {@link #UNSATISFIABLE}.
   */
  public record Slice(long first, long last, boolean partial) {
    public static final Slice UNSATISFIABLE = new Slice(-1, -2, true);

    public static Slice whole(long size) {
      return new Slice(0, size - 1, false);
    }

    public long length() {
      return last - first + 1;
    }
  }

  public static Slice slice(String header, long size) {
    if (header == null) return Slice.whole(size);
    Matcher m = ONE_RANGE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return Slice.whole(size);
    try {
      if (m.group(1).isEmpty()) {
        long n = Long.parseLong(m.group(2));
        if (n == 0 || size == 0) return Slice.UNSATISFIABLE;
        return new Slice(Math.max(0, size - n), size - 1, true);
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
      if (!m.group(2).isEmpty() && last < first) return Slice.whole(size); // not a valid range: ignored, as RFC 9110 says
      if (first >= size) return Slice.UNSATISFIABLE;
      return new Slice(first, Math.min(last, size - 1), true);
    } catch (NumberFormatException tooBig) {
      return Slice.UNSATISFIABLE;
    }
  }

  /** {@code inline} or {@code attachment} with the name to save under, in ASCII and in UTF-8 per RFC 6266. */
  public static String disposition(String type, String name) {
    String clean = name.replaceAll("[\\p{Cntrl}/\\\\]", " ").strip();
    String ascii = clean.replaceAll("[^A-Za-z0-9 ._()-]", "_");
    return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + java.net.URLEncoder.encode(clean, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  public static void serve(Context ctx, Source source, Answer answer) throws IOException {
    long size = source.size();
    ctx.header("Accept-Ranges", "bytes");
    ctx.header("Cache-Control", answer.cacheControl());
    ctx.header("Content-Disposition", answer.disposition());
    Slice s = slice(ctx.header("Range"), size);
    if (s == Slice.UNSATISFIABLE) {
      ctx.status(416);
      ctx.header("Content-Range", "bytes */" + size);
      ctx.contentType("text/plain");
      ctx.result("The range lies outside this " + answer.noun() + "'s " + size + " bytes.");
      return;
    }
    ctx.contentType(answer.contentType());
    if (s.partial()) {
      ctx.status(206);
      ctx.header("Content-Range", "bytes " + s.first() + "-" + s.last() + "/" + size);
    } else {
      ctx.status(200);
    }
    ctx.res().setContentLengthLong(Math.max(0, s.length()));
    if (s.length() <= 0) return;
    try (ReadableByteChannel in = source.open(s.first(), s.length())) {
      copy(in, s, ctx.res().getOutputStream());
    }
  }

  /**
   * Direct buffers shared by all requests: a file's bytes go kernel to buffer to socket without passing through
   * the heap twice. When all are in use a request borrows a heap buffer instead, so nothing waits for one.
   */
  private static final java.util.concurrent.ArrayBlockingQueue<ByteBuffer> BUFFERS = new java.util.concurrent.ArrayBlockingQueue<>(32);

  private static void copy(ReadableByteChannel in, Slice s, OutputStream out) throws IOException {
    ByteBuffer buffer = BUFFERS.poll();
    if (buffer == null) buffer = out instanceof org.eclipse.jetty.ee10.servlet.HttpOutput ? ByteBuffer.allocateDirect(CHUNK) : ByteBuffer.allocate(CHUNK);
    long left = s.length();
    try {
      while (left > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        int n = in.read(buffer);
        if (n < 0) break;
        if (n == 0) continue;
        buffer.flip();
        if (out instanceof org.eclipse.jetty.ee10.servlet.HttpOutput jetty) {
          jetty.write(buffer);
        } else {
          out.write(buffer.array(), 0, n);
        }
        left -= n;
      }
      out.flush();
    } catch (IOException clientWentAway) {
      // players cancel ranges they no longer need (a seek): nothing to report
    } finally {
      if (buffer.isDirect()) BUFFERS.offer(buffer);
    }
  }
}
