package dev.longhand.file;

import dev.longhand.event.FileUploaded;
import dev.longhand.http.ByteRanges;
import dev.longhand.http.Problem;
import dev.longhand.http.UploadStream;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Files in spaces: uploads streamed to a scratch file as they arrive (refused the moment they pass the limit),
 * typed by their content, images cleaned of their metadata and given a thumbnail, then handed to the
 * {@link FileStorage} before the row is written. Whoever may read a file's space may download it; everyone else
 * is told it does not exist, on every request.
 */
public final class FileService {
  static final int NAME_MAX = 200;
  /** Room for the form's other fields and the multipart framing around the file. */
  private static final long FORM_OVERHEAD = 64 * 1024;
  private static final String INCOMING = ".incoming-";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a file upload takes: anything; its type is read from its first bytes (all of them up to the sniffer's head). */
  static final UploadStream.Expect EXPECT = new UploadStream.Expect(
      "Send the file as multipart/form-data, in the field 'file'.",
      "Send one file per upload.",
      "'file' is required: the file to upload.",
      UploadStream.HEAD,
      ContentSniffer::type);

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final FileStorage storage;
  private final Path scratch;
  private final long maxBytes;
  private final FileStore store = new FileStore();

  /** {@code scratch} holds uploads in progress, on this machine's disk; leftovers of a crash are swept now. */
  public FileService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, FileStorage storage,
                     Path scratch, long maxBytes) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.storage = storage;
    this.scratch = scratch;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(scratch);
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(scratch, INCOMING + "*")) {
        for (Path p : leftovers) Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + scratch, e);
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Bytes to send: the file (or its thumbnail) found and checked, where they are, and how to answer. */
  public record Download(StoredFile file, String etag, ByteRanges.Source source, ByteRanges.Answer answer) {}

  /**
   * Stores an upload from a multipart body: the space is checked before a byte is read, the body is read once, and
   * the file exists only once its bytes (and its thumbnail) are in storage. A form field {@code name} may name it;
   * otherwise the part's file name does.
   */
  public StoredFile upload(long me, long spaceId, String contentType, long contentLength, InputStream body) {
    Space space = workspaces.accessSpace(me, spaceId).space();
    if (contentLength > maxBytes + FORM_OVERHEAD) throw UploadStream.tooLarge(maxBytes);
    byte[] boundary = UploadStream.boundary(contentType, EXPECT);
    Path incoming = null;
    Path cleaned = null;
    Path thumb = null;
    try {
      incoming = scratchFile();
      UploadStream.Received got;
      try (FileChannel out = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
        try {
          got = UploadStream.read(body, boundary, out, maxBytes, EXPECT);
        } catch (IOException clientGone) {
          throw Problem.invalid(UploadStream.FILE, "The upload was interrupted before the file arrived whole.");
        }
      }
      String name = name(got);
      long id = ids.next();
      String type = got.mediaType();
      Path keep = incoming;
      long size = got.size();
      Optional<Integer> width = Optional.empty();
      Optional<Integer> height = Optional.empty();
      Optional<String> thumbnailType = Optional.empty();
      if (ContentSniffer.IMAGES.contains(type)) {
        cleaned = scratchFile();
        thumb = scratchFile();
        ThumbnailMaker.Result made;
        try {
          MetadataStripper.Stripped s = MetadataStripper.strip(type, incoming, cleaned);
          made = ThumbnailMaker.make(cleaned, s.orientation(), thumb);
        } catch (MetadataStripper.Damaged | ThumbnailMaker.Unreadable e) {
          throw Problem.invalid(UploadStream.FILE, "The file starts like a " + type.substring(6).toUpperCase(java.util.Locale.ROOT)
              + " image but cannot be read as one; it may be damaged or cut short.");
        }
        keep = cleaned;
        size = Files.size(cleaned);
        width = Optional.of(made.width());
        height = Optional.of(made.height());
        thumbnailType = made.thumbnail().map(ThumbnailMaker.Thumbnail::type);
      }
      String key = id + "-" + random();
      Optional<String> thumbKey = thumbnailType.map(t -> key + ".thumb");
      storage.put(key, keep);
      if (thumbKey.isPresent()) storage.put(thumbKey.get(), thumb);
      StoredFile f = new StoredFile(id, space.workspaceId(), spaceId, me, name, type, size, key, width, height, thumbKey,
          thumbnailType, clock.millis());
      try {
        return db.write(h -> {
          workspaces.accessSpace(h, me, spaceId);
          store.insert(h, f);
          outbox.append(h, f.workspaceId(), new FileUploaded(id, spaceId));
          return f;
        });
      } catch (RuntimeException e) {
        forget(key);
        thumbKey.ifPresent(this::forget);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Path p : new Path[] {incoming, cleaned, thumb}) if (p != null) deleteQuietly(p);
    }
  }

  /** The file's bytes, if the person may read its space now: a link someone kept is no permission by itself. */
  public Download download(long me, long id) {
    StoredFile f = db.read(h -> located(h, me, id));
    boolean inline = ContentSniffer.inline(f.contentType());
    String type = f.contentType().startsWith("text/") ? f.contentType() + "; charset=utf-8" : f.contentType();
    return new Download(f, "\"" + f.id() + "\"", source(f.storageKey()),
        new ByteRanges.Answer(type, ByteRanges.disposition(inline ? "inline" : "attachment", f.name()), "private, no-cache", "file"));
  }

  /** The image's thumbnail; the image itself when it was too large to read; no such thing for other files. */
  public Download thumbnail(long me, long id) {
    StoredFile f = db.read(h -> located(h, me, id));
    if (!f.isImage()) throw Problem.notFound("thumbnail");
    if (f.thumbnailKey().isEmpty()) return download(me, id);
    String type = f.thumbnailType().orElse(ContentSniffer.JPEG);
    return new Download(f, "\"" + f.id() + "-thumbnail\"", source(f.thumbnailKey().get()),
        new ByteRanges.Answer(type, ByteRanges.disposition("inline", f.name()), "private, no-cache", "thumbnail"));
  }

  private ByteRanges.Source source(String key) {
    long size;
    try {
      size = storage.size(key);
    } catch (NoSuchFileException gone) {
      throw Problem.notFound("file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ByteRanges.Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public ReadableByteChannel open(long first, long length) throws IOException {
        return storage.open(key, first, length);
      }
    };
  }

  /** The file, if the person may read its space now; otherwise it does not exist for them. */
  private StoredFile located(Handle h, long me, long id) {
    StoredFile f = store.find(h, id).orElseThrow(() -> Problem.notFound("file"));
    try {
      workspaces.accessSpace(h, me, f.spaceId());
    } catch (Problem p) {
      if (p.status() == 404) throw Problem.notFound("file");
      throw p;
    }
    return f;
  }

  /** The form's {@code name}, else the part's file name without its folders; refused when too long or empty of text. */
  private static String name(UploadStream.Received got) {
    Optional<String> given = got.field("name");
    if (given.isPresent()) {
      String n = clean(given.get());
      if (n.isEmpty()) throw Problem.invalid("name", "'name' must have some text in it.");
      if (n.codePointCount(0, n.length()) > NAME_MAX) throw Problem.invalid("name", "'name' must be at most " + NAME_MAX + " characters.");
      return n;
    }
    String raw = got.clientName().replace('\\', '/');
    String n = clean(raw.substring(raw.lastIndexOf('/') + 1));
    if (n.isEmpty()) n = "file";
    if (n.codePointCount(0, n.length()) > NAME_MAX) {
      int dot = n.lastIndexOf('.');
      String ext = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
      n = n.substring(0, n.offsetByCodePoints(0, NAME_MAX - ext.length())) + ext;
    }
    return n;
  }

  private static String clean(String s) {
    return s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
  }

  private Path scratchFile() throws IOException {
    return Files.createFile(scratch.resolve(INCOMING + random() + ".part"));
  }

  private void forget(String key) {
    try {
      storage.delete(key);
    } catch (IOException e) {
      // bytes nothing points to: harmless, and rare (a row that failed to write)
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // swept at the next start
    }
  }

  private static String random() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
