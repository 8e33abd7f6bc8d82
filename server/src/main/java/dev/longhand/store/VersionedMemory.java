package dev.longhand.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values read from the database, each kept with the version of what it was read from (a counter the database keeps
 * and every change to that data raises, such as {@code spaces.readers_version}). A value is given back only for the
 * version it was read at; any other is read again. The caller reads the version from the database first, in the same
 * read, and remembers only what it read outside a transaction: then a version names one value, never one a write that
 * was rolled back saw. Each node keeps its own memory, so a change made through another node is seen at once.
 */
public class VersionedMemory<K, V> {
  private record Known<V>(long version, V value) {}

  private final int max;
  private final Map<K, Known<V>> known = new ConcurrentHashMap<>();

  /** {@code max}: keys remembered at most; past it the memory starts over (each value is one read away). */
  public VersionedMemory(int max) {
    this.max = max;
  }

  /** The value remembered for the key at this version; null when it must be read. */
  public V get(K key, long version) {
    Known<V> k = known.get(key);
    return k != null && k.version() == version ? k.value() : null;
  }

  /** The value remembered for the key at this version, else {@code read}'s, remembered. */
  public V get(K key, long version, Supplier<V> read) {
    V value = get(key, version);
    if (value != null) return value;
    value = read.get();
    put(key, version, value);
    return value;
  }

  public void put(K key, long version, V value) {
    if (known.size() >= max) known.clear();
    // a value read at an older version than the one remembered (a read that began before a change) replaces nothing newer
    known.merge(key, new Known<>(version, value), (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
  }
}
