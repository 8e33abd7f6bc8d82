package dev.longhand.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the recording API answers, one record per shape in openapi.json: ids as strings, instants ISO-8601 UTC,
 * times in a recording as seconds (with milliseconds when there are any).
 */
final class RecordingJson {
  private RecordingJson() {}

  /** Seconds as a number, with milliseconds when there are any (12.5). */
  static Number seconds(long ms) {
    return ms % 1000 == 0 ? (Number) (ms / 1000) : (Number) (ms / 1000.0);
  }

  record Person(String id, String name) {}

  /** {@code Recording}. */
  record View(String id, String title, String mediaType, long size, String spaceId, Person uploader, String createdAt,
              boolean hasCaptions, String url, String media) {
    static View of(Recording r) {
      return new View(String.valueOf(r.id()), r.title(), r.mediaType(), r.size(), String.valueOf(r.spaceId()),
          new Person(String.valueOf(r.uploaderId()), r.uploaderName()), Instant.ofEpochMilli(r.createdAt()).toString(),
          r.hasCaptions(), r.path(), "/api/v1/recordings/" + r.id() + "/media");
    }
  }

  record Shelf(List<View> recordings) {}

  /** {@code RecordingDetail}: the recording with its chapters and how many cues and comments it has. */
  record Detail(String id, String title, String mediaType, long size, String spaceId, Person uploader, String createdAt,
                boolean hasCaptions, String url, String media, List<Chapter> chapters, int cues, int comments) {
    static Detail of(Recording.Detail d) {
      View v = View.of(d.recording());
      return new Detail(v.id(), v.title(), v.mediaType(), v.size(), v.spaceId(), v.uploader(), v.createdAt(),
          v.hasCaptions(), v.url(), v.media(), d.chapters().stream().map(Chapter::of).toList(), d.cues().size(),
          d.comments().stream().mapToInt(c -> 1 + c.replies().size()).sum());
    }
  }

  /** {@code Cue}: {@code start} and {@code end} are null for captions given as plain text. */
  record Cue(String id, Number start, Number end, String text) {
    static Cue of(Recording.Cue c) {
      return new Cue(String.valueOf(c.id()), c.timed() ? seconds(c.startMs()) : null, c.timed() ? seconds(c.endMs()) : null,
          c.text());
    }
  }

  record Cues(List<Cue> cues) {}

  record Chapter(String title, Number start, String startText) {
    static Chapter of(Recording.Chapter c) {
      return new Chapter(c.title(), seconds(c.startMs()), Timestamps.format(c.startMs()));
    }
  }

  record Chapters(List<Chapter> chapters) {}

  /** {@code RecordingComment}: {@code replyTo} is null for a comment that starts a discussion; {@code replies} only in lists. */
  record Comment(String id, String replyTo, Person author, Number at, String atText, String body, String createdAt,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<Comment> replies) {
    static Comment of(Recording.Comment c) {
      return new Comment(String.valueOf(c.id()), c.parentId().map(String::valueOf).orElse(null),
          new Person(String.valueOf(c.authorId()), c.authorName()), seconds(c.atMs()), Timestamps.format(c.atMs()), c.body(),
          Instant.ofEpochMilli(c.createdAt()).toString(), null);
    }

    static Comment of(Recording.Discussion d) {
      Comment c = of(d.comment());
      return new Comment(c.id(), c.replyTo(), c.author(), c.at(), c.atText(), c.body(), c.createdAt(),
          d.replies().stream().map(Comment::of).toList());
    }
  }

  record Comments(List<Comment> comments) {}
}
