package dev.longhand.backup;

import java.util.List;

/**
 * What a backup archive holds, written as its last entry ({@code manifest.json}): the Longhand version that made it, the
 * schema (Flyway) version of the database it was read from and which database that was, when, every table with its
 * columns and their database-neutral types, and every other entry with its size and SHA-256. See docs/BACKUP.md.
 *
 * @param format          the archive format's own version (1)
 * @param longhandVersion the Longhand that made the archive
 * @param schemaVersion   the highest migration applied to the source database; a restore needs the same
 * @param sourceDatabase  {@code sqlite} or {@code postgresql}
 * @param createdAt       when the snapshot was taken, ISO-8601
 * @param tables          every table of the snapshot, in the order they were written
 * @param entries         every entry of the archive but the manifest, in archive order
 */
public record Manifest(int format, String longhandVersion, int schemaVersion, String sourceDatabase, String createdAt,
    List<Table> tables, List<Entry> entries) {

  public static final int FORMAT = 1;
  public static final String NAME = "manifest.json";

  /** A table: its entry is {@code tables/<name>.jsonl}, one JSON array per row in the columns' order. */
  public record Table(String name, List<Column> columns, long rows) {
    public String entry() {
      return "tables/" + name + ".jsonl";
    }
  }

  /** A column and how its values are written: {@code integer} (JSON number), {@code real}, {@code text}, {@code bytes} (base64). */
  public record Column(String name, String type) {}

  /** One entry: its name in the archive, its size in bytes and the SHA-256 of those bytes (hex). */
  public record Entry(String name, long size, String sha256) {}
}
