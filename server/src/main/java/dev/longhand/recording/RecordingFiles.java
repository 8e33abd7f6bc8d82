package dev.longhand.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The recordings' files in {@code <data-dir>/recordings}. An upload is written to a temporary name there, made
 * durable (fsync), then moved atomically to a name the server makes, and the directory is synced: a file under
 * its final name is always complete. Names never come from the client.
 */
public final class RecordingFiles {
  private static final String INCOMING = ".incoming-";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> EXTENSIONS = Map.of("video/webm", "webm", "audio/webm", "webm",
      "video/x-matroska", "mkv", "audio/x-matroska", "mka", "video/mp4", "mp4", "audio/mp4", "m4a",
      "video/quicktime", "mov", "audio/ogg", "ogg", "video/ogg", "ogv", "audio/wav", "wav");
  private final Path dir;
  private final long maxBytes;

  public RecordingFiles(Path dataDir, long maxBytes) {
    this.dir = dataDir.resolve("recordings");
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
      sweepIncoming();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** A new temporary file for an upload in progress. */
  Path incoming() throws IOException {
    return Files.createFile(dir.resolve(INCOMING + random() + ".part"));
  }

  static FileChannel openForWriting(Path incoming) throws IOException {
    return FileChannel.open(incoming, StandardOpenOption.WRITE);
  }

  /** Moves a complete, synced upload to its final server-made name and returns that name. */
  String keep(Path incoming, long id, String mediaType) throws IOException {
    String name = id + "-" + random() + "." + extension(mediaType);
    Path target = dir.resolve(name);
    try {
      Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(incoming, target);
    }
    syncDirectory();
    return name;
  }

  Path path(String fileName) {
    Path p = dir.resolve(fileName).normalize();
    if (!p.getParent().equals(dir.normalize())) throw new IllegalArgumentException("not a recording's file: " + fileName);
    return p;
  }

  void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temporary file is swept at the next start
    }
  }

  /** Temporary files of uploads a crash interrupted. */
  private void sweepIncoming() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, INCOMING + "*")) {
      for (Path p : leftovers) Files.deleteIfExists(p);
    }
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot sync a directory; the file itself is synced
    }
  }

  static String extension(String mediaType) {
    return EXTENSIONS.getOrDefault(mediaType, switch (mediaType) {
      case "audio/flac" -> "flac";
      case "audio/mpeg" -> "mp3";
      default -> "bin";
    });
  }

  private static String random() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** "2 GB", "100 MB" */
  static String sizeText(long bytes) {
    return dev.longhand.http.UploadStream.sizeText(bytes);
  }
}
