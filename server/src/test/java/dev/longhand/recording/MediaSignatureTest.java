package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A file's type from its first bytes, and nothing from anything else. */
class MediaSignatureTest {
  private static Optional<String> detect(byte[] b) {
    return MediaSignature.detect(b, b.length);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
    return Arrays.copyOf(b, 64);
  }

  @Test
  void eachFormatIsKnownByItsSignature() {
    assertThat(detect(bytes(0xFF, 0xFB, 0x90, 0x64))).hasValue("audio/mpeg");
    assertThat(detect("ID3\u0004\u0000".getBytes(StandardCharsets.ISO_8859_1))).hasValue("audio/mpeg");
    assertThat(detect("OggS\u0000\u0002xxxxxxxxxxxxxxxxxxxxxx\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1))).hasValue("audio/ogg");
    assertThat(detect("OggS\u0000\u0002xxxxxxxxxxxxxxxxxxxxxx\u0080theora".getBytes(StandardCharsets.ISO_8859_1))).hasValue("video/ogg");
    assertThat(detect("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1))).hasValue("video/mp4");
    assertThat(detect("\u0000\u0000\u0000\u0014ftypqt  \u0000\u0000".getBytes(StandardCharsets.ISO_8859_1))).hasValue("video/quicktime");
    assertThat(detect("RIFF\u0000\u0000\u0000\u0000WAVE".getBytes(StandardCharsets.ISO_8859_1))).hasValue("audio/wav");
    assertThat(detect("RIFF\u0000\u0000\u0000\u0000AVI ".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
  }

  @Test
  void textImagesAndArchivesAreNotRecordings() {
    assertThat(detect("WEBVTT\n\n00:01.000 --> 00:02.000\nhi".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEmpty();
    assertThat(detect(bytes('P', 'K', 3, 4))).isEmpty();
    assertThat(detect(bytes(0xFF, 0xD8, 0xFF, 0xE0))).as("a JPEG is not an MPEG frame").isEmpty();
    assertThat(detect(new byte[0])).isEmpty();
  }

  @Test
  void aRealWebmIsVideoAndItsTracksAreRead() throws Exception {
    byte[] webm = Files.readAllBytes(TestMedia.webm());
    assertThat(MediaSignature.detect(webm, Math.min(webm.length, MediaSignature.HEAD))).hasValue("video/webm");
  }

  @Test
  void garbageAfterAMatroskaSignatureNeverBreaksTheReader() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 5000; round++) {
      byte[] b = new byte[random.nextInt(4, 4096)];
      random.nextBytes(b);
      b[0] = 0x1A;
      b[1] = 0x45;
      b[2] = (byte) 0xDF;
      b[3] = (byte) 0xA3;
      assertThat(MediaSignature.detect(b, b.length)).get().asString().matches("(audio|video)/(webm|x-matroska)");
    }
  }

  @Test
  void deeplyNestedTrackElementsAreReadWithoutExhaustingTheStack() {
    byte[] b = new byte[64 * 1024];
    byte[] header = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x80, 0x18, 0x53, (byte) 0x80, 0x67, 0x01, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x16, 0x54, (byte) 0xAE, 0x6B, (byte) 0xFF}; // EBML, Segment, Tracks
    System.arraycopy(header, 0, b, 0, header.length);
    for (int i = header.length; i + 1 < b.length; i += 2) {
      b[i] = (byte) 0xAE; // TrackEntry
      b[i + 1] = (byte) 0xFF; // of unknown size, nested again and again
    }
    assertThat(detect(b)).get().asString().matches("(audio|video)/(webm|x-matroska)");
  }
}
