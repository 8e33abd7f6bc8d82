package dev.longhand.draft;

import java.time.Instant;

/** The JSON of drafts (openapi/live.json). */
final class DraftJson {
  private DraftJson() {}

  record Draft(String key, String title, String body, String updatedAt) {
    static Draft of(DraftService.Draft d) {
      return new Draft(d.key(), d.title(), d.body(), Instant.ofEpochMilli(d.updatedAt()).toString());
    }
  }
}
