package dev.longhand.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files that arrive other than by upload (an import): the bytes are typed by their content, images are stripped of
 * their metadata and get a thumbnail, exactly as {@link FileService#upload} does, and both are put in the storage
 * under server-made keys. The caller writes the row (and forgets the keys if it cannot); nothing here is checked
 * against a person, since an import runs offline as the operator.
 */
public final class FileIntake {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileStorage storage;
  private final Path scratch;

  /** Keeps the bytes in the storage's files, as the server does, with its scratch files where the server's are. */
  public static FileIntake into(Storage storage) {
    Path scratch = storage.incoming(Storage.FILES);
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + scratch, e);
    }
    return new FileIntake(storage.files(), scratch);
  }

  FileIntake(FileStorage storage, Path scratch) {
    this.storage = storage;
    this.scratch = scratch;
  }

  /** A file that could not be stored, with the reason in words. */
  public static final class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }

  /**
   * Stores {@code bytes} as file {@code id} of the space and answers the row to write; refused when it is larger than
   * {@code maxBytes} or an image that does not read as one.
   */
  public StoredFile store(InputStream bytes, String name, long id, long workspaceId, long spaceId, long uploaderId,
      long createdAt, long maxBytes) throws Refused {
    Path incoming = null;
    Path cleaned = null;
    Path thumb = null;
    try {
      incoming = Files.createTempFile(scratch, ".incoming-", ".part");
      Files.copy(bytes, incoming, StandardCopyOption.REPLACE_EXISTING);
      long size = Files.size(incoming);
      if (size > maxBytes) throw new Refused("larger than " + maxBytes + " bytes");
      byte[] head = new byte[64 * 1024];
      int n;
      try (InputStream in = Files.newInputStream(incoming)) {
        n = in.readNBytes(head, 0, head.length);
      }
      String type = ContentSniffer.type(head, n);
      Path keep = incoming;
      Optional<Integer> width = Optional.empty();
      Optional<Integer> height = Optional.empty();
      Optional<String> thumbnailType = Optional.empty();
      if (ContentSniffer.IMAGES.contains(type)) {
        cleaned = Files.createTempFile(scratch, ".incoming-", ".part");
        thumb = Files.createTempFile(scratch, ".incoming-", ".part");
        ThumbnailMaker.Result made;
        try {
          MetadataStripper.Stripped s = MetadataStripper.strip(type, incoming, cleaned);
          made = ThumbnailMaker.make(cleaned, s.orientation(), thumb);
        } catch (MetadataStripper.Damaged | ThumbnailMaker.Unreadable e) {
          throw new Refused("starts like an image but cannot be read as one");
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
      String clean = name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
      if (clean.isEmpty()) clean = "file";
      if (clean.length() > 200) clean = clean.substring(0, 200);
      return new StoredFile(id, workspaceId, spaceId, uploaderId, clean, type, size, key, width, height, thumbKey,
          thumbnailType, createdAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Path p : new Path[] {incoming, cleaned, thumb}) {
        try {
          if (p != null) Files.deleteIfExists(p);
        } catch (IOException e) {
          // swept at the server's next start
        }
      }
    }
  }

  /** Removes a stored file's bytes (its row could not be written). */
  public void forget(StoredFile f) {
    try {
      storage.delete(f.storageKey());
      if (f.thumbnailKey().isPresent()) storage.delete(f.thumbnailKey().get());
    } catch (IOException e) {
      // bytes nothing points to: harmless
    }
  }

  private static String random() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
