package dev.longhand.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The archive's {@code manifest.json}, its last entry: what made it, which workspace it holds, and every other entry
 * with its SHA-256, so an import can verify the whole archive before it writes anything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Manifest(String format, int formatVersion, String longhandVersion, String archiveId, String server,
                Workspace workspace, String createdAt, List<Entry> entries) {

  /** The exported workspace as it was; {@code id} and {@code createdBy} are ids of the exporting server. */
  record Workspace(String id, String name, String createdBy, String createdAt, int urgentPerDay) {}

  /** One entry of the archive: its bytes' SHA-256 (lower-case hex) and length, and for JSON Lines its row count. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(String name, String sha256, long bytes, Long rows) {}

  /** The version of Longhand that runs (from the jar's manifest), or "development" when run from the build's classes. */
  static String runningVersion() {
    return Optional.ofNullable(Manifest.class.getPackage().getImplementationVersion()).orElse("development");
  }
}
