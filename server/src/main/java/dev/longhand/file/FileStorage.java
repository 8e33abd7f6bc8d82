package dev.longhand.file;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the bytes of files and recordings live, by key; the rows that say whose they are live in the database
 * ({@link FileStore}, the recordings' store). Keys are made by the server, never by a client. {@link LocalDiskStorage}
 * keeps them in a directory of the data directory, {@link S3Storage} in an S3 bucket; {@link Storage} chooses.
 */
public interface FileStorage {
  /**
   * What a key may look like: a server-made name ({@code 1234-9f86d081884c7d659a2feaa0.webm}, {@code ....thumb}),
   * never a path, never hidden; backups and restores take the same names (backup.ArchiveFiles).
   */
  Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  /** The key, if it is one; refused otherwise, so no key can reach outside its directory or prefix. */
  static String checked(String key) {
    if (key == null || key.length() > 200 || !KEY.matcher(key).matches()) throw new IllegalArgumentException("not a stored file's key: " + key);
    return key;
  }

  /**
   * Keeps a complete local file under {@code key}, taking it over (the local file is gone afterwards), durably:
   * once this returns the bytes survive a crash.
   */
  void put(String key, Path complete) throws IOException;

  /** How many bytes the key holds; an {@link java.nio.file.NoSuchFileException} when it holds none. */
  long size(String key) throws IOException;

  /** The key's bytes from {@code first}, of which the caller reads at most {@code length} before closing. */
  ReadableByteChannel open(String key, long first, long length) throws IOException;

  /** Removes the key's bytes, if there are any. */
  void delete(String key) throws IOException;
}
