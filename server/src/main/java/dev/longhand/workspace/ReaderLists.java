package dev.longhand.workspace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The readers of the spaces posted to lately, each list with the space's readers version it was read at
 * (WorkspaceService.readersAt). A list read at another version than the one asked for is read again. Each node
 * keeps its own: the version is read from the database with every use, so a change made through another node is seen
 * at once, as through this one.
 */
final class ReaderLists {
  /** Spaces remembered at most; past it the memory starts over (a list is one read away). */
  static final int MAX_SPACES = 4096;

  private record Read(long version, List<Long> readers) {}

  private final Map<Long, Read> bySpace = new ConcurrentHashMap<>();

  List<Long> get(long spaceId, long version, Supplier<List<Long>> read) {
    Read known = bySpace.get(spaceId);
    if (known != null && known.version() == version) return known.readers();
    List<Long> readers = List.copyOf(read.get());
    if (bySpace.size() >= MAX_SPACES) bySpace.clear();
    // a list read at an older version than one remembered (a read that began before the change) replaces nothing newer
    bySpace.merge(spaceId, new Read(version, readers), (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    return readers;
  }
}
