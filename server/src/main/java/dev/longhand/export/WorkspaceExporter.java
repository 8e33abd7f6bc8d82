package dev.longhand.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhand.export.ArchiveFormat.Column;
import dev.longhand.export.ArchiveFormat.Kind;
import dev.longhand.file.FileStorage;
import dev.longhand.file.Storage;
import dev.longhand.store.Database;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Handle;

/**
 * Writes one workspace as an archive (docs/EXPORT.md): a JSON Lines entry per kind, the bytes of its recordings and
 * files (read from the {@link Storage}: the data directory or the bucket), and last the manifest with every entry's
 * SHA-256. All rows are read in one read transaction, so the archive is one moment of the workspace while the server
 * keeps serving. The zip is written to a local file, which the caller hands to the storage once it is complete, so a
 * half-written archive is never offered for download.
 */
final class WorkspaceExporter {
  /** Told how far the export is: {@code done} of {@code total} rows and media files. */
  interface Progress {
    void at(long done, long total);
  }

  private final Database db;
  private final ExportStore store;
  private final ObjectMapper json;
  private final Storage storage;
  private final String server;

  WorkspaceExporter(Database db, ExportStore store, ObjectMapper json, Storage storage, String server) {
    this.db = db;
    this.store = store;
    this.json = json;
    this.storage = storage;
    this.server = server;
  }

  /** A recording's or file's bytes, where the storage keeps them. */
  private record Stored(FileStorage storage, String key) {
    void copyTo(OutputStream out) throws IOException {
      long size = storage.size(key);
      try (InputStream in = Channels.newInputStream(storage.open(key, 0, size))) {
        if (in.transferTo(out) != size) throw new IOException("the stored bytes of " + key + " ended early");
      }
    }
  }

  /** Writes the archive into {@code file} (on this machine; what it held is replaced); answers its size in bytes. */
  long write(long workspaceId, Path file, Instant now, Progress progress) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      ExportStore.snapshot(db, h -> {
        try {
          writeAll(h, zip, workspaceId, now, progress);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return Files.size(file);
  }

  private void writeAll(Handle h, ZipOutputStream zip, long workspaceId, Instant now, Progress progress) throws IOException {
    ExportStore.WorkspaceRow ws = store.workspace(h, workspaceId).orElseThrow(() -> new IOException("the workspace is gone"));
    long total = 0;
    for (Kind k : ArchiveFormat.all()) total += store.count(h, k, workspaceId);
    long media = store.count(h, ArchiveFormat.KINDS.stream().filter(k -> k.name().equals("files")).findFirst().orElseThrow(), workspaceId)
        + store.count(h, ArchiveFormat.KINDS.stream().filter(k -> k.name().equals("recordings")).findFirst().orElseThrow(), workspaceId);
    Counter counter = new Counter(total + media, progress);
    List<Manifest.Entry> entries = new ArrayList<>();
    Map<String, Stored> mediaEntries = new LinkedHashMap<>();
    for (Kind kind : ArchiveFormat.all()) {
      long[] rows = {0};
      entries.add(entry(zip, kind.entry(), out -> store.rows(h, kind, workspaceId, values -> {
        try {
          out.write(json.writeValueAsBytes(row(kind, values, mediaEntries)));
          out.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        rows[0]++;
        counter.step();
      }), rows));
    }
    for (var m : mediaEntries.entrySet()) {
      entries.add(entry(zip, m.getKey(), out -> {
        try {
          m.getValue().copyTo(out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (!m.getKey().endsWith(".thumb")) counter.step();
      }, null));
    }
    Manifest manifest = new Manifest(ArchiveFormat.FORMAT_NAME, ArchiveFormat.VERSION, Manifest.runningVersion(),
        UUID.randomUUID().toString(), server,
        new Manifest.Workspace(String.valueOf(ws.id()), ws.name(), String.valueOf(ws.createdBy()),
            Instant.ofEpochMilli(ws.createdAt()).toString(), ws.urgentPerDay()),
        now.toString(), entries);
    zip.putNextEntry(new ZipEntry(ArchiveFormat.MANIFEST));
    zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    zip.closeEntry();
    counter.finish();
  }

  /** One row as a JSON object: ids as strings, numbers as numbers, absent values as null; notes its media. */
  private ObjectNode row(Kind kind, Object[] values, Map<String, Stored> media) {
    ObjectNode o = json.createObjectNode();
    for (int i = 0; i < values.length; i++) {
      Column c = kind.columns().get(i);
      Object v = values[i];
      switch (c.type()) {
        case ID, WORKSPACE, REF, LATE_REF, PERSON -> o.put(c.field(), v == null ? null : String.valueOf(v));
        case NUMBER -> {
          if (v == null) o.putNull(c.field()); else o.put(c.field(), (Long) v);
        }
        default -> o.put(c.field(), (String) v);
      }
      if (v != null && c.type() == ArchiveFormat.Type.FILE_KEY) {
        media.put(ArchiveFormat.FILE_MEDIA + v, new Stored(storage.files(), (String) v));
      }
      if (v != null && c.type() == ArchiveFormat.Type.RECORDING_FILE) {
        media.put(ArchiveFormat.RECORDING_MEDIA + values[0], new Stored(storage.recordings(), (String) v));
      }
    }
    return o;
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static Manifest.Entry entry(ZipOutputStream zip, String name, Body body, long[] rows) throws IOException {
    MessageDigest sha = sha256();
    zip.putNextEntry(new ZipEntry(name));
    long[] bytes = {0};
    OutputStream counted = new FilterOutputStream(new DigestOutputStream(zip, sha)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes[0] += len;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        bytes[0]++;
      }

      @Override
      public void close() {
        // the zip stays open for the next entry
      }
    };
    try {
      body.write(counted);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    counted.flush();
    zip.closeEntry();
    return new Manifest.Entry(name, HexFormat.of().formatHex(sha.digest()), bytes[0], rows == null ? null : rows[0]);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts rows and media files, telling the progress every 200 of them and at the end. */
  private static final class Counter {
    private final long total;
    private final Progress progress;
    private long done;

    Counter(long total, Progress progress) {
      this.total = total;
      this.progress = progress;
      progress.at(0, total);
    }

    void step() {
      done++;
      if (done % 200 == 0) progress.at(done, total);
    }

    void finish() {
      progress.at(done, Math.max(done, total));
    }
  }
}
