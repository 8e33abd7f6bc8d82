package dev.longhand.backup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * Reads a whole archive before a restore writes anything: every entry's bytes against the manifest's size and SHA-256,
 * the manifest's format and schema version against this Longhand's, and the archive's directory at its end. A refusal
 * names the first bad entry in archive order.
 */
final class ArchiveCheck {
  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private ArchiveCheck() {}

  /** A refusal of the archive: one line for the operator. */
  static final class Refused extends IllegalStateException {
    Refused(String message) {
      super(message);
    }
  }

  static Manifest verify(Path archive, int schemaVersion, PrintStream err) throws IOException {
    Map<String, Manifest.Entry> read = new LinkedHashMap<>();
    Manifest manifest = null;
    String current = null;
    String last = null;
    long size = Files.size(archive);
    try (ProgressBar bar = Progress.bytes(err, "Verify", size);
         ZipInputStream zip = new ZipInputStream(new Counted(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), bar))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        current = e.getName();
        if (manifest != null) throw new Refused("the archive is damaged: entry " + current + " follows the manifest");
        if (read.containsKey(current)) throw new Refused("the archive is damaged: entry " + current + " appears twice");
        if (current.equals(Manifest.NAME)) {
          try {
            manifest = Backup.JSON.readValue(new Digests.In(zip), Manifest.class);
          } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
            throw new Refused("the archive is damaged: its manifest (" + Manifest.NAME + ") is not readable");
          }
        } else {
          read.put(current, new Digests.In(zip).drain(current));
        }
        last = current;
        current = null;
      }
    } catch (EOFException | ZipException e) {
      if (current == null && read.isEmpty() && manifest == null) throw new Refused(archive + " is not a Longhand backup archive");
      throw new Refused("the archive is truncated or damaged: entry " + (current != null ? current : "after " + last)
          + " cannot be read (" + e.getMessage() + ")");
    }
    if (manifest == null) {
      if (read.isEmpty()) throw new Refused(archive + " is not a Longhand backup archive");
      throw new Refused("the archive is truncated: it ends after entry " + last + " without its manifest");
    }
    checkAgainst(manifest, read, schemaVersion);
    try (ZipFile directory = new ZipFile(archive.toFile())) {
      if (directory.size() != read.size() + 1) throw new Refused("the archive is damaged: its directory does not list its entries");
    } catch (ZipException e) {
      throw new Refused("the archive is truncated: its directory, after " + Manifest.NAME + ", is incomplete");
    }
    return manifest;
  }

  private static void checkAgainst(Manifest m, Map<String, Manifest.Entry> read, int schemaVersion) {
    if (m.format() != Manifest.FORMAT) {
      throw new Refused("the archive's format is " + m.format() + "; this Longhand reads format " + Manifest.FORMAT);
    }
    if (m.schemaVersion() != schemaVersion) {
      throw new Refused("the archive holds schema version " + m.schemaVersion() + " (Longhand " + m.longhandVersion()
          + "); this Longhand restores schema version " + schemaVersion + " only: restore with the Longhand that made it, then upgrade");
    }
    Map<String, Manifest.Entry> listed = new LinkedHashMap<>();
    for (Manifest.Entry e : m.entries()) listed.put(e.name(), e);
    Set<String> tables = new HashSet<>();
    for (Manifest.Table t : m.tables()) {
      if (!TABLE.matcher(t.name()).matches()) throw new Refused("the archive's manifest names a table that cannot be: " + t.name());
      tables.add(t.entry());
      if (!listed.containsKey(t.entry())) throw new Refused("the archive's manifest lists table " + t.name() + " without its entry");
    }
    for (Map.Entry<String, Manifest.Entry> e : read.entrySet()) {
      Manifest.Entry want = listed.get(e.getKey());
      if (want == null) throw new Refused("the archive is damaged: entry " + e.getKey() + " is not in its manifest");
      if (!tables.contains(e.getKey()) && !ArchiveFiles.isFileEntry(e.getKey())) {
        throw new Refused("the archive is damaged: entry " + e.getKey() + " is neither a table nor a stored file");
      }
      if (want.size() != e.getValue().size() || !want.sha256().equals(e.getValue().sha256())) {
        throw new Refused("the archive is damaged: entry " + e.getKey() + " does not match its checksum in the manifest");
      }
    }
    for (String name : listed.keySet()) {
      if (!read.containsKey(name)) throw new Refused("the archive is truncated or damaged: entry " + name + " is missing");
    }
  }

  /** Moves the progress bar by the archive's bytes as they are read. */
  private static final class Counted extends FilterInputStream {
    private final ProgressBar bar;

    Counted(InputStream in, ProgressBar bar) {
      super(in);
      this.bar = bar;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) bar.step();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) bar.stepBy(n);
      return n;
    }
  }
}
