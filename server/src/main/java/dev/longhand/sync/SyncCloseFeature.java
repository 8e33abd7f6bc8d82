package dev.longhand.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.store.OutboxConsumer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Live notes of a sync session and closing it with its outcomes (issue 15, item 3): API, pages and the live stream. */
public final class SyncCloseFeature implements Feature {
  private final SyncNotes notes;
  private final SyncClosing closing;
  private final Pages pages;
  private final ObjectMapper json;
  private final SyncNotesLive live;

  public SyncCloseFeature(SyncNotes notes, SyncClosing closing, Pages pages, ObjectMapper json) {
    this.notes = notes;
    this.closing = closing;
    this.pages = pages;
    this.json = json;
    this.live = new SyncNotesLive(notes);
  }

  @Override
  public void routes(Router r) {
    new SyncCloseApi(notes, closing, json).register(r);
    new SyncClosePages(notes, closing, pages).register(r);
    live.register(r);
  }

  @Override
  public List<OutboxConsumer> liveConsumers() {
    return List.of(live);
  }

  /** The session page's notes section and, once closed, how: {@code notesSheet} and {@code closing} (for {@link SyncPages}). */
  public Map<String, Object> section(long viewerId, long sessionId) {
    Map<String, Object> model = new HashMap<>();
    model.put("notesSheet", notes.sheet(viewerId, sessionId));
    model.put("closing", closing.closing(viewerId, sessionId).orElse(null));
    return model;
  }

  /** Streams of session pages open now, for metrics. */
  public int openStreams() {
    return live.openStreams();
  }
}
