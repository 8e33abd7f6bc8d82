package dev.longhand.recording;

import java.util.List;
import java.util.Optional;

/**
 * An audio or video file in a space, with its transcript, chapters and comments.
 *
 * @param mediaType read from the file's first bytes when it was uploaded ({@link MediaSignature})
 * @param fileName the server-made name of the file in {@code <data-dir>/recordings}
 */
public record Recording(long id, long workspaceId, long spaceId, long uploaderId, String uploaderName, String title,
                        String mediaType, long size, String fileName, boolean hasCaptions, long createdAt) {

  public boolean isVideo() {
    return mediaType.startsWith("video/");
  }

  public String path() {
    return "/recordings/" + id;
  }

  /** "12.4 MB" */
  public String sizeText() {
    if (size < 1024) return size + " bytes";
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = size;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }

  /** One transcript cue; {@code startMs} is -1 for a paragraph pasted without a time. */
  public record Cue(long id, long startMs, long endMs, String text) {
    public boolean timed() {
      return startMs >= 0;
    }

    public String startText() {
      return Timestamps.format(startMs);
    }

    /** Seconds with milliseconds, as the player's currentTime reads them. */
    public String startSeconds() {
      return seconds(startMs);
    }

    public String endSeconds() {
      return seconds(endMs);
    }

    public long startWhole() {
      return Timestamps.seconds(startMs);
    }
  }

  public record Chapter(long startMs, String title) {
    public String startText() {
      return Timestamps.format(startMs);
    }

    public String startSeconds() {
      return seconds(startMs);
    }

    public long startWhole() {
      return Timestamps.seconds(startMs);
    }
  }

  static String seconds(long ms) {
    return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
  }

  /** The media type as people read it: "WebM video", "MP3 audio". */
  public String kindText() {
    String sub = mediaType.substring(mediaType.indexOf('/') + 1);
    String format = switch (sub) {
      case "webm" -> "WebM";
      case "x-matroska" -> "Matroska";
      case "mp4" -> "MP4";
      case "quicktime" -> "QuickTime";
      case "ogg" -> "Ogg";
      case "wav" -> "WAV";
      case "mpeg" -> "MP3";
      case "flac" -> "FLAC";
      default -> sub;
    };
    return format + (isVideo() ? " video" : " audio");
  }

  /** A comment pinned to {@code atMs}; replies carry their parent's id and time. */
  public record Comment(long id, Optional<Long> parentId, long authorId, String authorName, long atMs, String body,
                        long createdAt) {
    public String atText() {
      return Timestamps.format(atMs);
    }

    public String atSeconds() {
      return seconds(atMs);
    }

    public long atWhole() {
      return Timestamps.seconds(atMs);
    }
  }

  /** A comment with its replies, oldest first. */
  public record Discussion(Comment comment, List<Comment> replies) {}

  /** Everything the recording page and {@code GET /api/v1/recordings/{id}} show. */
  public record Detail(Recording recording, String spaceName, List<Cue> cues, List<Chapter> chapters,
                       List<Discussion> comments) {}

  /** A space's recordings as its page lists them. */
  public record Shelf(long spaceId, String spaceName, boolean spacePrivate, long workspaceId, List<Recording> recordings) {}
}
