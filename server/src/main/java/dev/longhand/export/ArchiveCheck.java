package dev.longhand.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Verifies a whole archive before anything is written: read from start to end (a truncated archive fails in the
 * entry where it was cut), every entry's SHA-256 and length against the manifest, no entry missing and none the
 * manifest does not list. A refusal names the first bad entry.
 */
final class ArchiveCheck {
  /** The archive is not one to import; the message says which entry and why. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private ArchiveCheck() {}

  /** The archive's manifest, once every entry matched it. */
  static Manifest verify(Path archive, ObjectMapper json) {
    Map<String, String[]> seen = new LinkedHashMap<>(); // name -> sha256, length
    byte[] manifestBytes = null;
    String current = null;
    try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
      ZipEntry e;
      byte[] buffer = new byte[65536];
      while ((e = zip.getNextEntry()) != null) {
        current = e.getName();
        if (seen.containsKey(current)) throw new Refused("The archive holds the entry " + current + " twice.");
        if (current.equals(ArchiveFormat.MANIFEST)) {
          manifestBytes = zip.readAllBytes();
          seen.put(current, new String[] {"", ""});
          continue;
        }
        MessageDigest sha = WorkspaceExporter.sha256();
        long length = 0;
        for (int n; (n = zip.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
          length += n;
        }
        seen.put(current, new String[] {HexFormat.of().formatHex(sha.digest()), String.valueOf(length)});
        current = null;
      }
    } catch (IOException broken) {
      throw new Refused(current == null
          ? "The archive is not a readable zip (" + broken.getMessage() + ")."
          : "The archive is damaged or cut short in the entry " + current + " (" + broken.getMessage() + ").");
    }
    if (manifestBytes == null) {
      throw new Refused("The archive has no " + ArchiveFormat.MANIFEST + ": it is cut short, or not a Longhand workspace export.");
    }
    Manifest manifest;
    try {
      manifest = json.readValue(manifestBytes, Manifest.class);
    } catch (IOException e) {
      throw new Refused("The archive's " + ArchiveFormat.MANIFEST + " does not read: " + e.getMessage());
    }
    if (!ArchiveFormat.FORMAT_NAME.equals(manifest.format())) throw new Refused("The archive is not a Longhand workspace export.");
    if (manifest.formatVersion() != ArchiveFormat.VERSION) {
      throw new Refused("The archive's format is version " + manifest.formatVersion() + "; this Longhand reads version "
          + ArchiveFormat.VERSION + ".");
    }
    if (manifest.archiveId() == null || manifest.archiveId().isBlank() || manifest.entries() == null || manifest.workspace() == null) {
      throw new Refused("The archive's " + ArchiveFormat.MANIFEST + " lacks its id, workspace or entries.");
    }
    Set<String> listed = new HashSet<>();
    for (Manifest.Entry m : manifest.entries()) {
      String[] actual = seen.get(m.name());
      if (actual == null) throw new Refused("The archive lacks the entry " + m.name() + " that its manifest lists.");
      if (!actual[0].equalsIgnoreCase(m.sha256()) || !actual[1].equals(String.valueOf(m.bytes()))) {
        throw new Refused("The entry " + m.name() + " does not match its SHA-256 in the manifest: the archive was changed or damaged.");
      }
      listed.add(m.name());
    }
    for (String name : seen.keySet()) {
      if (!name.equals(ArchiveFormat.MANIFEST) && !listed.contains(name)) {
        throw new Refused("The archive holds the entry " + name + ", which its manifest does not list.");
      }
    }
    for (ArchiveFormat.Kind k : ArchiveFormat.all()) {
      if (!listed.contains(k.entry())) throw new Refused("The archive lacks the entry " + k.entry() + ".");
    }
    return manifest;
  }
}
