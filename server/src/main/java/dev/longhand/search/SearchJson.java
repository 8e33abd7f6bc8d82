package dev.longhand.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The JSON the search API answers ({@code SearchHit} in openapi.json); {@code threadId} only for replies. */
final class SearchJson {
  private SearchJson() {}

  record Hits(List<Hit> hits) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Hit(String kind, String id, String threadId, String title, String snippet, String spaceId, Author author,
             String createdAt, String url) {
    static Hit of(SearchHit h) {
      return new Hit(h.kind(), String.valueOf(h.id()), h.threadId() != 0 ? String.valueOf(h.threadId()) : null, h.title(),
          h.snippet(), String.valueOf(h.spaceId()), new Author(String.valueOf(h.author().id()), h.author().name(),
          h.author().handle()), Instant.ofEpochMilli(h.createdAt()).toString(), h.url());
    }
  }

  record Author(String id, String name, String handle) {}
}
