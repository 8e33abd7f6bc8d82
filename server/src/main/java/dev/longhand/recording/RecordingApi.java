package dev.longhand.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.ByteRanges;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** REST handlers for recordings: upload, list, read, play (with ranges), captions, chapters and comments. */
public final class RecordingApi implements Router.Routes {
  private final RecordingService recordings;
  private final ObjectMapper json;

  public RecordingApi(RecordingService recordings, ObjectMapper json) {
    this.recordings = recordings;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/spaces/{id}/recordings", Access.SIGNED_IN, this::upload);
    r.get("/api/v1/spaces/{id}/recordings", Access.SIGNED_IN, this::list);
    r.get("/api/v1/recordings/{id}", Access.SIGNED_IN, this::show);
    r.delete("/api/v1/recordings/{id}", Access.SIGNED_IN, this::delete);
    r.get("/api/v1/recordings/{id}/media", Access.SIGNED_IN, this::media);
    r.put("/api/v1/recordings/{id}/captions", Access.SIGNED_IN, this::putCaptions);
    r.get("/api/v1/recordings/{id}/captions", Access.SIGNED_IN, this::captions);
    r.put("/api/v1/recordings/{id}/chapters", Access.SIGNED_IN, this::putChapters);
    r.post("/api/v1/recordings/{id}/comments", Access.SIGNED_IN, this::comment);
    r.get("/api/v1/recordings/{id}/comments", Access.SIGNED_IN, this::comments);
  }

  private void upload(Context ctx) throws IOException {
    Recording r = recordings.upload(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"), ctx.contentType(),
        ctx.req().getContentLengthLong(), ctx.req().getInputStream());
    ctx.status(201).json(RecordingJson.View.of(r));
  }

  private void list(Context ctx) {
    Recording.Shelf shelf = recordings.shelf(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"));
    ctx.json(new RecordingJson.Shelf(shelf.recordings().stream().map(RecordingJson.View::of).toList()));
  }

  private void show(Context ctx) {
    Recording.Detail d = recordings.detail(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ctx.json(RecordingJson.Detail.of(d));
  }

  private void delete(Context ctx) {
    recordings.delete(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ctx.status(204);
  }

  private void media(Context ctx) throws IOException {
    RecordingService.Media m = recordings.media(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ByteRanges.serve(ctx, m.bytes(), m.answer());
  }

  private void putCaptions(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    RecordingService.CaptionsFormat format = type.startsWith("text/vtt") ? RecordingService.CaptionsFormat.WEBVTT
        : type.startsWith("text/plain") ? RecordingService.CaptionsFormat.TEXT : RecordingService.CaptionsFormat.UNSUPPORTED;
    List<Recording.Cue> cues = recordings.setCaptions(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"),
        captionsBody(ctx.req().getInputStream()), format);
    ctx.json(new RecordingJson.Cues(cues.stream().map(RecordingJson.Cue::of).toList()));
  }

  /** The body as text, read up to the captions' limit: a longer one is refused without being read whole. */
  static String captionsBody(InputStream in) throws IOException {
    byte[] b = in.readNBytes(Captions.MAX_CHARS * 2 + 1);
    if (b.length > Captions.MAX_CHARS * 2) throw Problem.tooLarge("captions", "Captions must be at most " + Captions.MAX_CHARS + " characters.");
    return Input.requireNoNul("captions", new String(b, StandardCharsets.UTF_8));
  }

  private void captions(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "recording");
    String accept = ctx.header("Accept");
    if (accept != null && accept.contains("text/vtt")) {
      ctx.contentType("text/vtt; charset=utf-8").result(recordings.captionsVtt(me, id));
      return;
    }
    ctx.json(new RecordingJson.Cues(recordings.cues(me, id).stream().map(RecordingJson.Cue::of).toList()));
  }

  private void putChapters(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "recording");
    JsonNode body;
    try {
      body = json.readTree(ctx.body().isBlank() ? "null" : ctx.body());
    } catch (IOException e) {
      throw Problem.invalid("chapters", "The body must be a JSON list of chapters: [{\"title\": \"Intro\", \"start\": \"0:00\"}].");
    }
    if (body != null && body.isObject() && body.has("chapters")) body = body.get("chapters");
    List<RecordingService.ChapterText> given = new ArrayList<>();
    if (body == null || !body.isArray()) {
      recordings.detail(me, id); // outsiders are told it does not exist before anything about their body
      throw Problem.invalid("chapters", "The body must be a JSON list of chapters: [{\"title\": \"Intro\", \"start\": \"0:00\"}].");
    }
    int n = 0;
    for (JsonNode c : body) {
      String label = "chapters[" + n++ + "]";
      if (!c.isObject()) {
        recordings.detail(me, id);
        throw Problem.invalid("chapters", label + ": each chapter is an object with a title and a start.");
      }
      given.add(new RecordingService.ChapterText(label, c.path("title").asText(""), c.path("start").asText("")));
    }
    ctx.json(new RecordingJson.Chapters(recordings.setChapters(me, id, given).stream().map(RecordingJson.Chapter::of).toList()));
  }

  private void comment(Context ctx) {
    Input in = Input.of(ctx, json);
    Recording.Comment c = recordings.comment(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"),
        in.optionalText("body", RecordingService.COMMENT_MAX * 2).orElse(""), in.optionalText("at", 40), in.optionalText("replyTo", 40));
    ctx.status(201).json(RecordingJson.Comment.of(c));
  }

  private void comments(Context ctx) {
    List<Recording.Discussion> all = recordings.comments(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ctx.json(new RecordingJson.Comments(all.stream().map(RecordingJson.Comment::of).toList()));
  }
}
