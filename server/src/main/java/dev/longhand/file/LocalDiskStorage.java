package dev.longhand.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Bytes on this machine's disk, in one directory ({@code <data-dir>/files}, {@code <data-dir>/recordings}): a key is
 * a file name. {@link #put} syncs the file, moves it into place atomically and syncs the directory, so a file under
 * its key is always complete.
 */
public final class LocalDiskStorage implements FileStorage {
  private final Path dir;

  /** Keys as files in {@code dir}, made when the first is stored: a storage only opened (by a backup, say) writes nothing. */
  public LocalDiskStorage(Path dir) {
    this.dir = dir;
  }

  @Override
  public void put(String key, Path complete) throws IOException {
    try (FileChannel c = FileChannel.open(complete, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Path target = path(key);
    Files.createDirectories(dir);
    try {
      Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(complete, target);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot sync a directory; the file itself is synced
    }
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(path(key));
  }

  @Override
  public ReadableByteChannel open(String key, long first, long length) throws IOException {
    FileChannel c = FileChannel.open(path(key), StandardOpenOption.READ);
    try {
      return c.position(first);
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  private Path path(String key) {
    return dir.resolve(FileStorage.checked(key));
  }
}
