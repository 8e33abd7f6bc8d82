package dev.longhand.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/** One row as a line of JSON: an array of its values in the columns' order, typed by the column. */
final class Rows {
  private Rows() {}

  static void write(JsonGenerator g, List<Manifest.Column> columns, Object[] values) throws IOException {
    g.writeStartArray();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) g.writeNull();
      else switch (columns.get(i).type()) {
        case ColumnType.INTEGER -> g.writeNumber((Long) v);
        case ColumnType.REAL -> g.writeNumber((Double) v);
        case ColumnType.BYTES -> g.writeBinary((byte[]) v);
        default -> g.writeString((String) v);
      }
    }
    g.writeEndArray();
    g.writeRaw('\n');
  }

  /** The next row, or null at the end; a row that does not match its columns is refused naming the table. */
  static Object[] read(JsonParser p, String table, List<Manifest.Column> columns) throws IOException {
    JsonToken start = p.nextToken();
    if (start == null) return null;
    if (start != JsonToken.START_ARRAY) throw new IllegalStateException("the archive's rows of " + table + " are not rows");
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) continue;
      if (t == null || t == JsonToken.END_ARRAY) throw new IllegalStateException("a row of " + table + " has too few values");
      values[i] = switch (columns.get(i).type()) {
        case ColumnType.INTEGER -> p.getLongValue();
        case ColumnType.REAL -> p.getValueAsDouble();
        case ColumnType.BYTES -> p.getBinaryValue();
        default -> p.getText();
      };
    }
    if (p.nextToken() != JsonToken.END_ARRAY) throw new IllegalStateException("a row of " + table + " has too many values");
    return values;
  }
}
