package dev.longhand.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The JSON the export API answers, one record per shape in openapi/exports.json: ids as strings, instants ISO-8601 UTC. */
final class ExportJson {
  private ExportJson() {}

  /**
   * {@code Export}: {@code done} of {@code total} rows and media files written so far; {@code archive} (the download's
   * path) and {@code size} once done; {@code error} when it failed.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String id, String workspaceId, String requestedBy, String status, long done, long total, String createdAt,
              String finishedAt, Long size, String archive, String error) {
    static View of(Export e) {
      return new View(String.valueOf(e.id()), String.valueOf(e.workspaceId()), String.valueOf(e.requestedBy()),
          e.status().key(), e.done(), e.total(), Instant.ofEpochMilli(e.createdAt()).toString(),
          e.finishedAt() == null ? null : Instant.ofEpochMilli(e.finishedAt()).toString(), e.size(),
          e.status() == Export.Status.DONE ? "/api/v1/exports/" + e.id() + "/archive" : null, e.error());
    }
  }

  /** {@code ExportList}: a workspace's latest exports, newest first. */
  record Listing(List<View> exports) {}
}
