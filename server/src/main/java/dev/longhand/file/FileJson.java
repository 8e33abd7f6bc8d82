package dev.longhand.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The JSON the file API answers, one record per shape in openapi/files.json: ids as strings, instants ISO-8601 UTC. */
final class FileJson {
  private FileJson() {}

  /**
   * {@code File}: {@code url} is where pages and Markdown refer to it ({@code /files/{id}}), {@code download} the API's
   * path; {@code thumbnailUrl}, {@code width} and {@code height} only for images; {@code markdown} is what a
   * composer inserts to attach it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String id, String name, String contentType, long size, String spaceId, String uploaderId, String createdAt,
              String url, String download, String thumbnailUrl, Integer width, Integer height, String markdown) {
    static View of(StoredFile f) {
      return new View(String.valueOf(f.id()), f.name(), f.contentType(), f.size(), String.valueOf(f.spaceId()),
          String.valueOf(f.uploaderId()), Instant.ofEpochMilli(f.createdAt()).toString(), f.path(), "/api/v1/files/" + f.id(),
          f.isImage() ? f.thumbnailPath() : null, f.width().orElse(null), f.height().orElse(null), f.markdown());
    }
  }
}
