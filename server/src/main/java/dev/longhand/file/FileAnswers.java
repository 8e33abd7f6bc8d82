package dev.longhand.file;

import dev.longhand.http.ByteRanges;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * How a file's bytes are answered, by the API and the pages alike: only images inline, everything else as an
 * attachment; never sniffed by the browser ({@code nosniff}, on every answer), and sandboxed by its own CSP, so
 * even an HTML or SVG file opened directly runs no script and reaches nothing of ours. A revalidation with the
 * same ETag (bytes under an id never change) is answered 304 after the access check, like every read.
 */
final class FileAnswers {
  static final String SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

  private FileAnswers() {}

  static void serve(Context ctx, FileService.Download d) throws IOException {
    ctx.header("Content-Security-Policy", SANDBOX);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("ETag", d.etag());
    String match = ctx.header("If-None-Match");
    if (match != null && ctx.header("Range") == null && (match.strip().equals("*") || java.util.Arrays.stream(match.split(","))
        .map(String::strip).map(m -> m.startsWith("W/") ? m.substring(2) : m).anyMatch(d.etag()::equals))) {
      ctx.header("Cache-Control", d.answer().cacheControl());
      ctx.status(304);
      return;
    }
    ByteRanges.serve(ctx, d.source(), d.answer());
  }
}
