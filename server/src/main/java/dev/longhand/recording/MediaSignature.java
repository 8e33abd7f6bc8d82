package dev.longhand.recording;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The media type of a file, read from its first bytes, never from its name or what the client says: WebM and
 * Matroska ({@code 1A 45 DF A3}), MP4/M4A/MOV ({@code ftyp} at offset 4), Ogg ({@code OggS}), WAV
 * ({@code RIFF....WAVE}), MP3 ({@code ID3} or an MPEG audio frame header) and FLAC ({@code fLaC}).
 * Anything else is not a recording.
 */
final class MediaSignature {
  /** How many bytes {@link #detect} looks at to decide; more let it tell audio from video. */
  static final int NEEDED = 12;
  /** How many first bytes an upload shows {@link #detect} once it is complete. */
  static final int HEAD = dev.longhand.http.UploadStream.HEAD;

  private MediaSignature() {}

  /** The media type, or empty when the head is not one of the formats above. {@code n} bytes of {@code b} are valid. */
  static Optional<String> detect(byte[] b, int n) {
    if (n >= 4 && (b[0] & 0xFF) == 0x1A && (b[1] & 0xFF) == 0x45 && (b[2] & 0xFF) == 0xDF && (b[3] & 0xFF) == 0xA3) {
      return Optional.of(Matroska.mediaType(b, n));
    }
    if (n >= 12 && ascii(b, 4, "ftyp")) {
      String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
      if (brand.startsWith("M4A") || brand.startsWith("M4B")) return Optional.of("audio/mp4");
      if (brand.equals("qt  ")) return Optional.of("video/quicktime");
      return Optional.of("video/mp4");
    }
    if (n >= 4 && ascii(b, 0, "OggS")) {
      return Optional.of(contains(b, n, "theora") || contains(b, n, "OVP80") ? "video/ogg" : "audio/ogg");
    }
    if (n >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return Optional.of("audio/wav");
    if (n >= 4 && ascii(b, 0, "fLaC")) return Optional.of("audio/flac");
    if (n >= 3 && ascii(b, 0, "ID3")) return Optional.of("audio/mpeg");
    if (n >= 3 && mpegFrame(b)) return Optional.of("audio/mpeg");
    return Optional.empty();
  }

  /** An MPEG audio frame header: 11 sync bits, a known version and layer, a usable bitrate and sample rate. */
  private static boolean mpegFrame(byte[] b) {
    int b1 = b[1] & 0xFF;
    int b2 = b[2] & 0xFF;
    if ((b[0] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) return false;
    int version = (b1 >> 3) & 0x3;
    int layer = (b1 >> 1) & 0x3;
    int bitrate = b2 >> 4;
    int rate = (b2 >> 2) & 0x3;
    return version != 1 && layer != 0 && bitrate != 0xF && bitrate != 0 && rate != 3;
  }

  private static boolean ascii(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) if (b[at + i] != (byte) s.charAt(i)) return false;
    return true;
  }

  private static boolean contains(byte[] b, int n, String s) {
    outer:
    for (int i = 0; i + s.length() <= Math.min(n, 4096); i++) {
      for (int j = 0; j < s.length(); j++) if (b[i + j] != (byte) s.charAt(j)) continue outer;
      return true;
    }
    return false;
  }

  /** Just enough EBML to tell WebM from Matroska and find whether any track is a video track. */
  private static final class Matroska {
    private static final long SEGMENT = 0x18538067L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long TRACK_ENTRY = 0xAEL;
    private static final long TRACK_TYPE = 0x83L;
    private static final long DOC_TYPE = 0x4282L;
    private static final long EBML = 0x1A45DFA3L;

    static String mediaType(byte[] b, int n) {
      boolean webm = true;
      boolean[] video = {false};
      boolean[] sawTracks = {false};
      int pos = 0;
      while (pos < n) {
        long[] id = vint(b, n, pos, false);
        if (id == null) break;
        long[] size = vint(b, n, pos + (int) id[1], true);
        if (size == null) break;
        int body = pos + (int) id[1] + (int) size[1];
        long end = size[0] < 0 ? n : Math.min(n, body + size[0]);
        if (id[0] == EBML) {
          webm = docTypeIsWebm(b, body, (int) end);
          pos = (int) end;
        } else if (id[0] == SEGMENT) {
          scanSegment(b, body, (int) end, video, sawTracks, 0);
          break;
        } else {
          pos = (int) end;
        }
      }
      String kind = sawTracks[0] && !video[0] ? "audio/" : "video/";
      return kind + (webm ? "webm" : "x-matroska");
    }

    private static boolean docTypeIsWebm(byte[] b, int from, int to) {
      int pos = from;
      while (pos < to) {
        long[] id = vint(b, to, pos, false);
        if (id == null) return true;
        long[] size = vint(b, to, pos + (int) id[1], true);
        if (size == null || size[0] < 0) return true;
        int body = pos + (int) id[1] + (int) size[1];
        long next = body + size[0];
        if (next > to) return true;
        if (id[0] == DOC_TYPE) return new String(b, body, (int) size[0], StandardCharsets.US_ASCII).startsWith("webm");
        pos = (int) next;
      }
      return true;
    }

    /** Looks for Segment > Tracks > TrackEntry > TrackType; {@code depth} bounds the descent, so crafted nesting cannot exhaust the stack. */
    private static void scanSegment(byte[] b, int from, int to, boolean[] video, boolean[] sawTracks, int depth) {
      int pos = from;
      while (pos < to) {
        long[] id = vint(b, to, pos, false);
        if (id == null) return;
        long[] size = vint(b, to, pos + (int) id[1], true);
        if (size == null) return;
        int body = pos + (int) id[1] + (int) size[1];
        long end = size[0] < 0 ? to : Math.min(to, body + size[0]);
        if ((id[0] == TRACKS && depth == 0) || (id[0] == TRACK_ENTRY && depth == 1)) {
          if (id[0] == TRACKS) sawTracks[0] = true;
          scanSegment(b, body, (int) end, video, sawTracks, depth + 1);
        } else if (id[0] == TRACK_TYPE && size[0] == 1 && body < to && b[body] == 1) {
          video[0] = true;
        }
        if (body + Math.max(0, size[0]) > to && size[0] >= 0) return;
        pos = (int) end;
      }
    }

    /** An EBML variable-length integer at {@code pos}: {value, length}; a size of all ones is unknown (-1). */
    private static long[] vint(byte[] b, int n, int pos, boolean isSize) {
      if (pos < 0 || pos >= n) return null;
      int first = b[pos] & 0xFF;
      if (first == 0) return null;
      int len = Integer.numberOfLeadingZeros(first) - 23;
      if (pos + len > n || len > 8) return null;
      long v = isSize ? first & (0xFF >> len) : first;
      boolean allOnes = isSize && v == (0xFF >> len);
      for (int i = 1; i < len; i++) {
        int x = b[pos + i] & 0xFF;
        v = (v << 8) | x;
        if (x != 0xFF) allOnes = false;
      }
      return new long[] {allOnes ? -1 : v, len};
    }
  }
}
