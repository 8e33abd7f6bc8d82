package dev.longhand.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A short real recording made with Debian's ffmpeg: 20 s of a test picture (VP8) with a 440 Hz tone (Vorbis) in
 * WebM, which Debian's Chromium plays. Made once per test run. Without ffmpeg the tests that need it are skipped
 * with a message, except under CI=true, where they fail (scripts/ensure-media installs it).
 */
public final class TestMedia {
  private static Path webm;

  private TestMedia() {}

  public static synchronized Path webm() {
    if (webm != null) return webm;
    Path ffmpeg = List.of("/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg").stream().map(Path::of).filter(Files::isExecutable).findFirst()
        .orElse(null);
    if (ffmpeg == null) {
      String message = "ffmpeg is not installed";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(message + "; CI requires it (scripts/ensure-media)");
      Assumptions.abort(message + "; skipping tests that need a real recording. Run scripts/ensure-media.");
    }
    try {
      Path dir = Files.createTempDirectory("longhand-media");
      Path out = dir.resolve("standup.webm");
      Process p = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y",
          "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15:duration=20",
          "-f", "lavfi", "-i", "sine=frequency=440:duration=20",
          "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libvorbis", "-shortest", out.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("ffmpeg could not make the test recording: " + Files.readString(dir.resolve("ffmpeg.log")));
      }
      webm = out;
      return webm;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
