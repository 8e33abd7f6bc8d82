package dev.longhand.recording;

import dev.longhand.event.CaptionsChanged;
import dev.longhand.event.ChaptersChanged;
import dev.longhand.event.RecordingCommented;
import dev.longhand.event.RecordingDeleted;
import dev.longhand.event.RecordingUploaded;
import dev.longhand.file.FileStorage;
import dev.longhand.http.ByteRanges;
import dev.longhand.http.Problem;
import dev.longhand.http.UploadStream;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Recordings: upload (streamed to disk, type read from the content), playback, captions, chapters and
 * comments. Whoever may read a recording's space may watch it and add to it; everyone else is told it does
 * not exist, on every request, the media's included.
 */
public final class RecordingService {
  static final int TITLE_MAX = 200;
  static final int COMMENT_MAX = 4000;
  static final int CHAPTERS_MAX = 200;
  /** What a recording upload takes: audio or video, its type read from its first bytes. */
  static final UploadStream.Expect EXPECT = new UploadStream.Expect(
      "Send the recording as multipart/form-data with the audio or video in the field 'file'.",
      "Send one file per recording.",
      "'file' is required: the audio or video to upload.",
      MediaSignature.NEEDED,
      (head, n) -> MediaSignature.detect(head, n).orElseThrow(() -> Problem.unsupportedType(UploadStream.FILE,
          "The file is not audio or video: its content is none of WebM/Matroska, MP4/M4A/MOV, Ogg, WAV, MP3 or FLAC.")));
  /** Room for the form's other fields and the multipart framing around the file. */
  private static final long FORM_OVERHEAD = 1024 * 1024;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final RecordingFiles files;
  private final RecordingStore store = new RecordingStore();

  public RecordingService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, RecordingFiles files) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.files = files;
  }

  public long maxUpload() {
    return files.maxBytes();
  }

  /** A chapter as written, before it is checked; {@code label} names it in errors ("Line 3", "chapters[2]"). */
  public record ChapterText(String label, String title, String start) {}

  /** A file to play: the recording and its bytes, read with ranges from wherever they are kept. */
  public record Media(Recording recording, ByteRanges.Source bytes) {
    /** Plays inline; saved, it is named after its title ("Design review.webm"). */
    public ByteRanges.Answer answer() {
      return new ByteRanges.Answer(recording.mediaType(), ByteRanges.disposition("inline",
          recording.title() + "." + RecordingFiles.extension(recording.mediaType())), "private, no-cache", "recording");
    }
  }

  /**
   * Stores an upload from a multipart body: the space is checked before a byte is read, the body is read once
   * (into a temporary file on this machine), and the recording exists only once its bytes are in the storage, whole
   * and durable.
   */
  public Recording upload(long me, long spaceId, String contentType, long contentLength, InputStream body) {
    Space space = workspaces.accessSpace(me, spaceId).space();
    if (contentLength > files.maxBytes() + FORM_OVERHEAD) {
      throw UploadStream.tooLarge(files.maxBytes());
    }
    byte[] boundary = UploadStream.boundary(contentType, EXPECT);
    Path incoming = null;
    try {
      incoming = files.incoming();
      UploadStream.Received got;
      try (FileChannel out = RecordingFiles.openForWriting(incoming)) {
        try {
          got = UploadStream.read(body, boundary, out, files.maxBytes(), EXPECT);
        } catch (IOException clientGone) {
          throw Problem.invalid(UploadStream.FILE, "The upload was interrupted before the file arrived whole.");
        }
      }
      String title = got.field("title").orElseGet(() -> titleFrom(got.clientName()));
      checkTitle(title);
      long id = ids.next();
      String name = files.keep(incoming, id, got.mediaType()); // synced and moved into place, or uploaded: durable either way
      incoming = null;
      Recording r = new Recording(id, space.workspaceId(), spaceId, me, "", title, got.mediaType(), got.size(), name, false, clock.millis());
      try {
        return db.write(h -> {
          workspaces.accessSpace(h, me, spaceId);
          store.insert(h, r);
          outbox.append(h, r.workspaceId(), new RecordingUploaded(id, spaceId));
          return store.find(h, id).orElseThrow();
        });
      } catch (RuntimeException e) {
        files.forget(name);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (incoming != null) files.delete(incoming);
    }
  }

  private static String titleFrom(String clientName) {
    String base = Path.of(clientName.isBlank() ? "Recording" : clientName.replace('\\', '/')).getFileName().toString();
    int dot = base.lastIndexOf('.');
    String t = (dot > 0 ? base.substring(0, dot) : base).strip();
    return t.isEmpty() ? "Recording" : t.length() > TITLE_MAX ? t.substring(0, TITLE_MAX) : t;
  }

  private static void checkTitle(String title) {
    if (title.codePointCount(0, title.length()) > TITLE_MAX) throw Problem.invalid("title", "'title' must be at most " + TITLE_MAX + " characters.");
  }

  public Recording.Shelf shelf(long me, long spaceId) {
    return db.read(h -> {
      Space.Access a = workspaces.accessSpace(h, me, spaceId);
      String spaceName = a.space().name();
      return new Recording.Shelf(spaceId, spaceName, a.space().isPrivate(), a.space().workspaceId(), store.inSpace(h, spaceId));
    });
  }

  public Recording.Detail detail(long me, long id) {
    return db.read(h -> {
      Located l = located(h, me, id);
      return new Recording.Detail(l.recording(), l.spaceName(), store.cues(h, id), store.chapters(h, id), discussions(store.comments(h, id)));
    });
  }

  /** The bytes to play, checked now: a URL someone kept is no permission by itself. */
  public Media media(long me, long id) {
    Recording r = db.read(h -> located(h, me, id).recording());
    FileStorage storage = files.storage();
    long size;
    try {
      size = storage.size(r.fileName());
    } catch (NoSuchFileException | IllegalArgumentException gone) {
      throw Problem.notFound("recording");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Media(r, new ByteRanges.Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public ReadableByteChannel open(long first, long length) throws IOException {
        return storage.open(r.fileName(), first, length);
      }
    });
  }

  /** The WebVTT for the player's track: the captions as given, or an empty document. */
  public String captionsVtt(long me, long id) {
    return db.read(h -> {
      located(h, me, id);
      return store.captionsVtt(h, id).orElse("WEBVTT\n");
    });
  }

  public List<Recording.Cue> cues(long me, long id) {
    return db.read(h -> {
      located(h, me, id);
      return store.cues(h, id);
    });
  }

  /** How captions arrive: a WebVTT file, text (WebVTT or a pasted transcript), or something else. */
  public enum CaptionsFormat { WEBVTT, TEXT, UNSUPPORTED }

  /** Replaces the captions and the transcript made from them. */
  public List<Recording.Cue> setCaptions(long me, long id, String text, CaptionsFormat format) {
    db.read(h -> located(h, me, id)); // outsiders learn nothing, not even whether their file parses
    if (format == CaptionsFormat.UNSUPPORTED) {
      throw Problem.unsupportedType("captions", "Send captions as text/vtt (a WebVTT file) or text/plain (a transcript, one paragraph or \"mm:ss words\" line per cue).");
    }
    Captions c = format == CaptionsFormat.WEBVTT ? Captions.vtt(text) : Captions.read(text);
    List<Recording.Cue> cues = new ArrayList<>();
    for (Captions.Line l : c.cues()) cues.add(new Recording.Cue(ids.next(), l.startMs(), l.endMs(), l.text()));
    return db.write(h -> {
      Recording r = located(h, me, id).recording();
      store.replaceCaptions(h, id, c.vtt(), cues, clock.millis());
      outbox.append(h, r.workspaceId(), new CaptionsChanged(id, cues.size()));
      return store.cues(h, id);
    });
  }

  /** Replaces the chapters with these, ordered by start; an empty list removes them. */
  public List<Recording.Chapter> setChapters(long me, long id, List<ChapterText> given) {
    db.read(h -> located(h, me, id));
    if (given.size() > CHAPTERS_MAX) throw Problem.invalid("chapters", "At most " + CHAPTERS_MAX + " chapters fit in one recording.");
    List<Recording.Chapter> chapters = new ArrayList<>();
    Set<Long> starts = new HashSet<>();
    for (ChapterText t : given) {
      String title = t.title() == null ? "" : t.title().strip();
      if (title.isEmpty()) throw Problem.invalid("chapters", t.label() + ": a chapter needs a title.");
      if (title.codePointCount(0, title.length()) > TITLE_MAX) {
        throw Problem.invalid("chapters", t.label() + ": a chapter's title must be at most " + TITLE_MAX + " characters.");
      }
      long start = Timestamps.parse(t.start()).orElseThrow(() -> Problem.invalid("chapters", t.label()
          + ": '" + Optional.ofNullable(t.start()).orElse("") + "' is not a start time; write 12:30, 1:02:03 or a number of seconds."));
      if (!starts.add(start)) throw Problem.invalid("chapters", t.label() + ": another chapter already starts at " + Timestamps.format(start) + ".");
      chapters.add(new Recording.Chapter(start, title));
    }
    chapters.sort(java.util.Comparator.comparingLong(Recording.Chapter::startMs));
    return db.write(h -> {
      Recording r = located(h, me, id).recording();
      store.replaceChapters(h, id, chapters);
      outbox.append(h, r.workspaceId(), new ChaptersChanged(id, chapters.size()));
      return store.chapters(h, id);
    });
  }

  /** A comment pinned to {@code at} ("12:30" or seconds), or a reply to {@code replyTo}, which shares its time. */
  public Recording.Comment comment(long me, long id, String body, Optional<String> at, Optional<String> replyTo) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) throw Problem.invalid("body", "'body' is required: what you want to say about this moment.");
    if (text.length() > COMMENT_MAX) throw Problem.invalid("body", "'body' must be at most " + COMMENT_MAX + " characters.");
    return db.write(h -> {
      Recording r = located(h, me, id).recording();
      Optional<Long> parent = Optional.empty();
      long atMs;
      if (replyTo.isPresent()) {
        long pid = dev.longhand.store.Ids.parse(replyTo.get().strip());
        Recording.Comment p = (pid < 0 ? Optional.<Recording.Comment>empty() : store.comment(h, id, pid))
            .filter(c -> c.parentId().isEmpty())
            .orElseThrow(() -> Problem.invalid("replyTo", "'replyTo' must be the id of a comment on this recording (not of a reply)."));
        parent = Optional.of(p.id());
        atMs = p.atMs();
      } else {
        atMs = at.flatMap(Timestamps::parse).orElseThrow(() -> Problem.invalid("at",
            "'at' is required: the moment in the recording, such as 12:30, 1:02:03 or a number of seconds."));
      }
      Recording.Comment c = new Recording.Comment(ids.next(), parent, me, "", atMs, text, clock.millis());
      store.insertComment(h, id, c);
      outbox.append(h, r.workspaceId(), new RecordingCommented(id, c.id()));
      return store.comment(h, id, c.id()).orElseThrow();
    });
  }

  /**
   * Deletes a recording with its transcript, chapters and comments; its uploader or a workspace admin may. The
   * file goes once the rows are gone (a crash in between leaves a file nothing points to, never a row without one).
   */
  public Recording delete(long me, long id) {
    Recording r = db.write(h -> {
      Located l = located(h, me, id);
      Recording rec = l.recording();
      Permissions.check(l.access().role(), Action.DELETE_RECORDING, l.relations(me),
          "Only " + rec.uploaderName() + ", who uploaded it, or an admin of the workspace can delete this recording.");
      store.delete(h, id);
      outbox.append(h, rec.workspaceId(), new RecordingDeleted(id, rec.spaceId()));
      return rec;
    });
    files.forget(r.fileName());
    return r;
  }

  /** Whether the person may delete the recording: its page offers Delete only then. */
  public boolean mayDelete(long me, long id) {
    return db.read(h -> {
      Located l = located(h, me, id);
      return Permissions.can(l.access().role(), Action.DELETE_RECORDING, l.relations(me));
    });
  }

  public List<Recording.Discussion> comments(long me, long id) {
    return db.read(h -> {
      located(h, me, id);
      return discussions(store.comments(h, id));
    });
  }

  private static List<Recording.Discussion> discussions(List<Recording.Comment> all) {
    Map<Long, List<Recording.Comment>> replies = new LinkedHashMap<>();
    for (Recording.Comment c : all) if (c.parentId().isEmpty()) replies.put(c.id(), new ArrayList<>());
    for (Recording.Comment c : all) c.parentId().map(replies::get).ifPresent(l -> l.add(c));
    List<Recording.Discussion> out = new ArrayList<>();
    for (Recording.Comment c : all) {
      if (c.parentId().isPresent()) continue;
      List<Recording.Comment> rs = replies.get(c.id());
      rs.sort(java.util.Comparator.comparingLong(Recording.Comment::createdAt).thenComparingLong(Recording.Comment::id));
      out.add(new Recording.Discussion(c, List.copyOf(rs)));
    }
    return out;
  }

  private record Located(Recording recording, Space.Access access) {
    String spaceName() {
      return access.space().name();
    }

    /** How the person stands to the recording: to its space, and whether they uploaded it. */
    Set<Relation> relations(long me) {
      return access.relations(Permissions.relation(recording.uploaderId() == me, Relation.UPLOADER));
    }
  }

  /** The recording, if the person may read its space now; otherwise it does not exist for them. */
  private Located located(Handle h, long me, long id) {
    Recording r = store.find(h, id).orElseThrow(() -> Problem.notFound("recording"));
    try {
      return new Located(r, workspaces.accessSpace(h, me, r.spaceId()));
    } catch (Problem p) {
      if (p.status() == 404) throw Problem.notFound("recording");
      throw p;
    }
  }
}
