package dev.longhand.file;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;

/**
 * Where files' bytes live, by key; the rows that say whose they are live in the database ({@link FileStore}).
 * Keys are made by the server, never by a client. {@link LocalDiskStorage} keeps them under
 * {@code <data-dir>/files}; object storage for several nodes would be another implementation.
 */
public interface FileStorage {
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
