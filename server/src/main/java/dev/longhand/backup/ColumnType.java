package dev.longhand.backup;

import java.util.Locale;

/** The database-neutral types of the archive, read from a column's declared type on either database. */
final class ColumnType {
  static final String INTEGER = "integer";
  static final String REAL = "real";
  static final String TEXT = "text";
  static final String BYTES = "bytes";

  private ColumnType() {}

  /** SQLite's declared type ({@code VARCHAR(320)}, {@code BYTEA}) or PostgreSQL's {@code data_type} ({@code character varying}). */
  static String of(String table, String column, String declared) {
    String t = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
    if (t.contains("INT")) return INTEGER;
    if (t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB")) return TEXT;
    if (t.contains("BYTEA") || t.contains("BLOB")) return BYTES;
    if (t.contains("DOUBLE") || t.contains("REAL") || t.contains("FLOAT")) return REAL;
    throw new IllegalStateException("column " + table + "." + column + " has a type a backup cannot carry: " + declared);
  }
}
