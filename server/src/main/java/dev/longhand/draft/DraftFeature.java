package dev.longhand.draft;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.feature.Feature;
import dev.longhand.http.Router;

/** Drafts kept on the server as people type; the writing features remove them when the post is sent ({@link Drafts}). */
public final class DraftFeature implements Feature {
  private final DraftApi api;

  public DraftFeature(DraftService drafts, ObjectMapper json) {
    this.api = new DraftApi(drafts, json);
  }

  @Override
  public void routes(Router r) {
    api.register(r);
  }
}
