package dev.longhand.recording;

import dev.longhand.http.Access;
import dev.longhand.http.ByteRanges;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.markdown.Markdown;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recordings pages: a space's recordings with the upload form, and one recording's page with its player,
 * transcript, chapters and comments. The media and the captions track are served here too, for the page's
 * player, by the session cookie, checked on every request like everything else.
 */
public final class RecordingPages implements Router.Routes {
  private final RecordingService recordings;
  private final Pages pages;
  private final Markdown markdown;

  public RecordingPages(RecordingService recordings, Pages pages, Markdown markdown) {
    this.recordings = recordings;
    this.pages = pages;
    this.markdown = markdown;
  }

  @Override
  public void register(Router r) {
    r.get("/spaces/{id}/recordings", Access.SIGNED_IN, this::shelf);
    r.post("/spaces/{id}/recordings", Access.SIGNED_IN, this::upload);
    r.get("/recordings/{id}", Access.SIGNED_IN, this::show);
    r.get("/recordings/{id}/media", Access.SIGNED_IN, this::media);
    r.get("/recordings/{id}/captions.vtt", Access.SIGNED_IN, this::track);
    r.post("/recordings/{id}/captions", Access.SIGNED_IN, this::captions);
    r.post("/recordings/{id}/chapters", Access.SIGNED_IN, this::chapters);
    r.post("/recordings/{id}/comments", Access.SIGNED_IN, this::comment);
    r.post("/recordings/{id}/delete", Access.SIGNED_IN, this::delete);
  }

  private void delete(Context ctx) {
    Recording r = recordings.delete(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    Pages.seeOther(ctx, "/spaces/" + r.spaceId() + "/recordings?notice=Recording+deleted.");
  }

  private void shelf(Context ctx) {
    renderShelf(ctx, Requests.pathId(ctx, "id", "space"), null, null);
  }

  private void renderShelf(Context ctx, long space, Problem error, String draftTitle) {
    Map<String, Object> model = new HashMap<>();
    model.put("shelf", recordings.shelf(Requests.viewer(ctx).accountId(), space));
    model.put("maxUpload", recordings.maxUpload());
    model.put("maxUploadText", RecordingFiles.sizeText(recordings.maxUpload()));
    if (error != null) {
      model.put("error", error.detail());
      model.put("errorField", error.field().orElse("file"));
    }
    model.put("draftTitle", draftTitle == null ? "" : draftTitle);
    pages.render(ctx, "recording/shelf.jte", model);
  }

  /** The upload form posts multipart with its CSRF token in the query string; the body streams to disk. */
  private void upload(Context ctx) throws IOException {
    long space = Requests.pathId(ctx, "id", "space");
    try {
      Recording r = recordings.upload(Requests.viewer(ctx).accountId(), space, ctx.contentType(), ctx.req().getContentLengthLong(),
          ctx.req().getInputStream());
      Pages.seeOther(ctx, r.path() + "?notice=Recording+uploaded.");
    } catch (Problem p) {
      if (p.status() != 400 && p.status() != 413 && p.status() != 415) throw p;
      ctx.status(p.status());
      if (p.status() == 413) ctx.header("Connection", "close"); // the rest of an oversized body is not read
      renderShelf(ctx, space, p, null);
    }
  }

  private void show(Context ctx) {
    render(ctx, Requests.pathId(ctx, "id", "recording"), Map.of());
  }

  private void render(Context ctx, long id, Map<String, Object> extra) {
    Recording.Detail d = recordings.detail(Requests.viewer(ctx).accountId(), id);
    Map<String, Object> model = new HashMap<>(extra);
    model.put("detail", d);
    // comments are Markdown like every other text (an attached file is a Markdown link or image), rendered safe
    model.put("commentHtml", (java.util.function.UnaryOperator<String>) body -> markdown.toHtml(body, java.util.Set.of()));
    model.put("canDelete", recordings.mayDelete(Requests.viewer(ctx).accountId(), id));
    model.put("start", Optional.ofNullable(ctx.queryParam("t")).flatMap(Timestamps::parse).map(Timestamps::seconds).orElse(-1L));
    model.putIfAbsent("draftChapters", chapterLines(d.chapters()));
    if (d.recording().hasCaptions() && !model.containsKey("draftCaptions")) {
      // the transcript as it was given, to correct in place: the WebVTT file, or the pasted paragraphs
      boolean timed = d.cues().stream().anyMatch(Recording.Cue::timed);
      model.put("draftCaptions", timed ? recordings.captionsVtt(Requests.viewer(ctx).accountId(), id)
          : String.join("\n\n", d.cues().stream().map(Recording.Cue::text).toList()));
    }
    pages.render(ctx, "recording/recording.jte", model);
  }

  private void media(Context ctx) throws IOException {
    RecordingService.Media m = recordings.media(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ByteRanges.serve(ctx, m.bytes(), m.answer());
  }

  private void track(Context ctx) {
    String vtt = recordings.captionsVtt(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ctx.header("Cache-Control", "private, no-cache");
    ctx.contentType("text/vtt; charset=utf-8").result(vtt);
  }

  private void captions(Context ctx) {
    long id = Requests.pathId(ctx, "id", "recording");
    String text = Optional.ofNullable(ctx.formParam("captions")).orElse("");
    try {
      recordings.setCaptions(Requests.viewer(ctx).accountId(), id, text, RecordingService.CaptionsFormat.TEXT);
      Pages.seeOther(ctx, "/recordings/" + id + "?notice=Transcript+saved.#transcript");
    } catch (Problem p) {
      failed(ctx, id, p, Map.of("draftCaptions", text));
    }
  }

  /** One chapter a line: "12:30 Title" (or "12:30 - Title"). */
  private void chapters(Context ctx) {
    long id = Requests.pathId(ctx, "id", "recording");
    String text = Optional.ofNullable(ctx.formParam("chapters")).orElse("");
    try {
      List<RecordingService.ChapterText> given = new ArrayList<>();
      String[] lines = text.split("\r?\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty()) continue;
        String[] parts = line.split("\\s+(?:[-–]\\s+)?", 2);
        given.add(new RecordingService.ChapterText("Line " + (i + 1), parts.length > 1 ? parts[1] : "", parts[0]));
      }
      recordings.setChapters(Requests.viewer(ctx).accountId(), id, given);
      Pages.seeOther(ctx, "/recordings/" + id + "?notice=Chapters+saved.");
    } catch (Problem p) {
      failed(ctx, id, p, Map.of("draftChapters", text));
    }
  }

  private void comment(Context ctx) {
    long id = Requests.pathId(ctx, "id", "recording");
    Input in = Input.ofForm(ctx);
    try {
      Recording.Comment c = recordings.comment(Requests.viewer(ctx).accountId(), id, Optional.ofNullable(ctx.formParam("body")).orElse(""),
          in.optionalText("at", 40), in.optionalText("replyTo", 40));
      Pages.seeOther(ctx, "/recordings/" + id + "?t=" + Timestamps.seconds(c.atMs()) + "#comment-" + c.id());
    } catch (Problem p) {
      failed(ctx, id, p, Map.of("draftComment", Optional.ofNullable(ctx.formParam("body")).orElse(""),
          "draftAt", Optional.ofNullable(ctx.formParam("at")).orElse(""),
          "draftReplyTo", Optional.ofNullable(ctx.formParam("replyTo")).orElse("")));
    }
  }

  /** Bad input shows the page again with the error beside its form and what was written kept. */
  private void failed(Context ctx, long id, Problem p, Map<String, Object> drafts) {
    if (p.status() != 400 && p.status() != 415) throw p;
    ctx.status(p.status());
    Map<String, Object> model = new HashMap<>(drafts);
    model.put("error", p.detail());
    model.put("errorField", p.field().orElse(""));
    render(ctx, id, model);
  }

  private static String chapterLines(List<Recording.Chapter> chapters) {
    StringBuilder out = new StringBuilder();
    for (Recording.Chapter c : chapters) out.append(Timestamps.format(c.startMs())).append(' ').append(c.title()).append('\n');
    return out.toString();
  }
}
