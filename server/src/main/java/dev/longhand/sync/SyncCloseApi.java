package dev.longhand.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;

/** REST handlers for a sync session's live notes and its closing. */
final class SyncCloseApi implements Router.Routes {
  private final SyncNotes notes;
  private final SyncClosing closing;
  private final ObjectMapper json;

  SyncCloseApi(SyncNotes notes, SyncClosing closing, ObjectMapper json) {
    this.notes = notes;
    this.closing = closing;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/sync-sessions/{id}/notes", Access.SIGNED_IN, this::show);
    r.put("/api/v1/sync-sessions/{id}/notes", Access.SIGNED_IN, this::save);
    r.post("/api/v1/sync-sessions/{id}/close", Access.SIGNED_IN, this::close);
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    SyncNotes.Sheet sheet = notes.sheet(me, id);
    ctx.json(SyncCloseJson.Notes.of(sheet, closing.closing(me, id).map(SyncCloseJson.Closing::of).orElse(null)));
  }

  private void save(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    ctx.json(SyncCloseJson.Notes.of(notes.save(me, id, SyncCloseInput.saves(SyncCloseInput.body(ctx, json))), null));
  }

  private void close(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    ctx.json(SyncCloseJson.Closed.of(closing.close(me, id, SyncCloseInput.outcome(SyncCloseInput.body(ctx, json)))));
  }
}
