package dev.longhand.recording;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a recording's file with HTTP range requests (RFC 9110 §14), so players can seek: {@code bytes=a-b},
 * {@code bytes=a-} and {@code bytes=-n} answer 206 with that slice; a range past the end answers 416; anything
 * else (no Range, several ranges, a malformed one) answers the whole file. Bytes go from the file to the socket
 * through one bounded buffer, never the whole file in memory.
 */
final class MediaRanges {
  private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");
  private static final int CHUNK = 256 * 1024;

  private MediaRanges() {}

  /**
   * What a Range header asks for: bytes {@code first} to {@code last} inclusive, {@code partial} when that is a
   * range rather than the whole file, or {@link #UNSATISFIABLE}.
   */
  record Slice(long first, long last, boolean partial) {
    static final Slice UNSATISFIABLE = new Slice(-1, -2, true);

    static Slice whole(long size) {
      return new Slice(0, size - 1, false);
    }

    long length() {
      return last - first + 1;
    }
  }

  static Slice slice(String header, long size) {
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

  /** Plays inline; saved, it is named after its title ("Design review.webm"), in UTF-8 per RFC 6266. */
  static String disposition(Recording r) {
    String name = r.title().replaceAll("[\\p{Cntrl}/\\\\]", " ").strip() + "." + RecordingFiles.extension(r.mediaType());
    String ascii = name.replaceAll("[^A-Za-z0-9 ._()-]", "_");
    return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  static void serve(Context ctx, Path file, Recording recording) throws IOException {
    String mediaType = recording.mediaType();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      ctx.header("Accept-Ranges", "bytes");
      ctx.header("Cache-Control", "private, no-cache");
      ctx.header("Content-Disposition", disposition(recording));
      Slice s = slice(ctx.header("Range"), size);
      if (s == Slice.UNSATISFIABLE) {
        ctx.status(416);
        ctx.header("Content-Range", "bytes */" + size);
        ctx.contentType("text/plain");
        ctx.result("The range lies outside this recording's " + size + " bytes.");
        return;
      }
      ctx.contentType(mediaType);
      if (s.partial()) {
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + s.first() + "-" + s.last() + "/" + size);
      } else {
        ctx.status(200);
      }
      ctx.res().setContentLengthLong(Math.max(0, s.length()));
      copy(in, s, ctx.res().getOutputStream());
    }
  }

  /**
   * Direct buffers shared by all requests: a file's bytes go kernel to buffer to socket without passing through
   * the heap twice. When all are in use a request borrows a heap buffer instead, so nothing waits for one.
   */
  private static final java.util.concurrent.ArrayBlockingQueue<ByteBuffer> BUFFERS = new java.util.concurrent.ArrayBlockingQueue<>(32);

  private static void copy(FileChannel in, Slice s, OutputStream out) throws IOException {
    ByteBuffer buffer = BUFFERS.poll();
    if (buffer == null) buffer = out instanceof org.eclipse.jetty.ee10.servlet.HttpOutput ? ByteBuffer.allocateDirect(CHUNK) : ByteBuffer.allocate(CHUNK);
    long position = s.first();
    long left = s.length();
    try {
      while (left > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        int n = in.read(buffer, position);
        if (n < 0) break;
        buffer.flip();
        if (out instanceof org.eclipse.jetty.ee10.servlet.HttpOutput jetty) {
          jetty.write(buffer);
        } else {
          out.write(buffer.array(), 0, n);
        }
        position += n;
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
