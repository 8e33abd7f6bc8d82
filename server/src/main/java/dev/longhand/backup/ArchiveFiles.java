package dev.longhand.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files on disk that rows name, which a backup carries beside the tables: recordings under
 * {@code <data-dir>/recordings}, files and thumbnails under {@code <data-dir>/files}. In the archive each is
 * {@code <dir>/<name>}.
 */
final class ArchiveFiles {
  /** A column whose values name a file in a directory of the data directory. */
  record FileColumn(String table, String column, String dir) {}

  static final List<FileColumn> COLUMNS = List.of(
      new FileColumn("recordings", "file_name", "recordings"),
      new FileColumn("files", "storage_key", "files"),
      new FileColumn("files", "thumbnail_key", "files"));

  static final List<String> DIRS = List.of("recordings", "files");

  /** Server-made names only: never a path, never hidden, so an archive cannot write outside its directory. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  private ArchiveFiles() {}

  /** Whether an archive entry names a file this format carries: {@code recordings/<name>} or {@code files/<name>}. */
  static boolean isFileEntry(String entry) {
    int slash = entry.indexOf('/');
    return slash > 0 && DIRS.contains(entry.substring(0, slash)) && NAME.matcher(entry.substring(slash + 1)).matches();
  }

  static boolean safeName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Where an entry's file goes in a data directory. */
  static Path target(Path dataDir, String entry) {
    int slash = entry.indexOf('/');
    return dataDir.resolve(entry.substring(0, slash)).resolve(entry.substring(slash + 1));
  }
}
