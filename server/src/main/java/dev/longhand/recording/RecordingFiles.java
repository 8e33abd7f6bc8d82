package dev.longhand.recording;

import dev.longhand.file.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The recordings' bytes. An upload is written to a temporary file in {@code <data-dir>/recordings} (on this machine,
 * wherever recordings are kept), then handed complete to the {@link FileStorage} under a name the server makes:
 * on local disk that is {@code <data-dir>/recordings/<name>}, synced and moved into place atomically, so a file under
 * its final name is always complete; in a bucket, an object stored whole. Names never come from the client.
 */
public final class RecordingFiles {
  private static final String INCOMING = ".incoming-";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> EXTENSIONS = Map.of("video/webm", "webm", "audio/webm", "webm",
      "video/x-matroska", "mkv", "audio/x-matroska", "mka", "video/mp4", "mp4", "audio/mp4", "m4a",
      "video/quicktime", "mov", "audio/ogg", "ogg", "video/ogg", "ogv", "audio/wav", "wav");
  private final Path scratch;
  private final FileStorage storage;
  private final long maxBytes;

  /** Uploads in progress in {@code scratch} (leftovers of a crash swept now), kept in {@code storage}. */
  public RecordingFiles(Path scratch, FileStorage storage, long maxBytes) {
    this.scratch = scratch;
    this.storage = storage;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(scratch);
      sweepIncoming();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + scratch, e);
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** A new temporary file for an upload in progress. */
  Path incoming() throws IOException {
    return Files.createFile(scratch.resolve(INCOMING + random() + ".part"));
  }

  static FileChannel openForWriting(Path incoming) throws IOException {
    return FileChannel.open(incoming, StandardOpenOption.WRITE);
  }

  /** Hands a complete upload to the storage under a new server-made name (the temporary file is gone) and returns that name. */
  String keep(Path incoming, long id, String mediaType) throws IOException {
    String name = id + "-" + random() + "." + extension(mediaType);
    storage.put(name, incoming);
    return name;
  }

  /** Where a recording's bytes are, to read them with ranges. */
  FileStorage storage() {
    return storage;
  }

  /** Removes a recording's bytes; a failure leaves bytes nothing points to, which harms no one. */
  void forget(String name) {
    try {
      storage.delete(name);
    } catch (IOException | IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(RecordingFiles.class).warn("could not delete the recording's bytes {}: {}", name, e.getMessage());
    }
  }

  /** Removes a temporary file of an upload that did not complete. */
  void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temporary file is swept at the next start
    }
  }

  /** Temporary files of uploads a crash interrupted. */
  private void sweepIncoming() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(scratch, INCOMING + "*")) {
      for (Path p : leftovers) Files.deleteIfExists(p);
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
