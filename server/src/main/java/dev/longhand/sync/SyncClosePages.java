package dev.longhand.sync;

import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notes of a session on a page of their own (what a refused save shows again, with the text kept and the error
 * beside it), saving one item's notes by form, and the close form. Forms post, then redirect; they need no script
 * ({@code static/syncnotes.js} saves as people type and shows others' notes live).
 */
final class SyncClosePages implements Router.Routes {
  private final SyncNotes notes;
  private final SyncClosing closing;
  private final Pages pages;

  SyncClosePages(SyncNotes notes, SyncClosing closing, Pages pages) {
    this.notes = notes;
    this.closing = closing;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/sync-sessions/{id}/notes", Access.SIGNED_IN, this::notesPage);
    r.post("/sync-sessions/{id}/notes", Access.SIGNED_IN, this::saveNotes);
    r.get("/sync-sessions/{id}/close", Access.SIGNED_IN, this::closeForm);
    r.post("/sync-sessions/{id}/close", Access.SIGNED_IN, this::close);
  }

  /** What the session page gives its notes section: the notes, what the viewer may do, and the closing once closed. */
  static Map<String, Object> section(SyncNotes.Sheet sheet, Optional<SyncClosing.Closed> closed) {
    Map<String, Object> model = new HashMap<>();
    model.put("sheet", sheet);
    model.put("closing", closed.orElse(null));
    return model;
  }

  private void notesPage(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    pages.render(ctx, "sync/notespage.jte", section(notes.sheet(me, id), closing.closing(me, id)));
  }

  private void saveNotes(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    Input in = Input.ofForm(ctx);
    int index = number(in.rawText("agendaIndex", 10), -1);
    String text = in.rawText("notes", SyncNotes.NOTES_MAX * 4);
    Optional<Integer> revision = Optional.of(number(in.rawText("revision", 10), 0));
    try {
      notes.save(me, id, List.of(new SyncNotes.Save(index, text, revision)));
      Pages.seeOther(ctx, "/sync-sessions/" + id + "?notice=Notes+saved.#notes-item-" + index);
    } catch (Problem p) {
      if (p.status() != 400 && p.status() != 409) throw p;
      ctx.status(p.status());
      Map<String, Object> model = section(notes.sheet(me, id), closing.closing(me, id));
      model.put("error", p.detail());
      model.put("errorIndex", index);
      model.put("keptText", text);
      pages.render(ctx, "sync/notespage.jte", model);
    }
  }

  private void closeForm(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    form(ctx, me, id, Map.of(), null);
  }

  private void close(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "sync session");
    SyncCloseInput.Form form = SyncCloseInput.form(ctx);
    try {
      SyncClosing.Result r = closing.close(me, id, form.outcome());
      String summary = "/threads/" + r.threadId() + "?notice=Session+closed%3A+its+summary+is+in+the+thread."
          + (r.replyId() == 0 ? "" : "#reply-" + r.replyId());
      Pages.seeOther(ctx, summary);
    } catch (Problem p) {
      if (p.status() != 400 && p.status() != 409) throw p;
      ctx.status(p.status());
      form(ctx, me, id, form.values(), p, form.rowField(p.field().orElse("")));
    }
  }

  private void form(Context ctx, long me, long id, Map<String, String> values, Problem error) {
    form(ctx, me, id, values, error, error == null ? null : error.field().orElse(null));
  }

  private void form(Context ctx, long me, long id, Map<String, String> values, Problem error, String errorField) {
    SyncClosing.CloseForm f = closing.form(me, id);
    Map<String, Object> model = new HashMap<>();
    model.put("form", f);
    model.put("values", values);
    model.put("rows", SyncCloseInput.FORM_ROWS);
    model.put("viewerId", me);
    if (error != null) {
      model.put("error", error.detail());
      model.put("errorField", errorField);
    }
    pages.render(ctx, "sync/close.jte", model);
  }

  private static int number(String raw, int fallback) {
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
