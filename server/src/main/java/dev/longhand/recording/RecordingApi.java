package dev.longhand.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    ctx.status(201).json(json(r));
  }

  private void list(Context ctx) {
    Recording.Shelf shelf = recordings.shelf(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"));
    ctx.json(Map.of("recordings", shelf.recordings().stream().map(RecordingApi::json).toList()));
  }

  private void show(Context ctx) {
    Recording.Detail d = recordings.detail(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    Map<String, Object> out = json(d.recording());
    out.put("chapters", d.chapters().stream().map(RecordingApi::json).toList());
    out.put("cues", d.cues().size());
    out.put("comments", d.comments().stream().mapToInt(c -> 1 + c.replies().size()).sum());
    ctx.json(out);
  }

  private void delete(Context ctx) {
    recordings.delete(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ctx.status(204);
  }

  private void media(Context ctx) throws IOException {
    RecordingService.Media m = recordings.media(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    MediaRanges.serve(ctx, m.file(), m.recording());
  }

  private void putCaptions(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    RecordingService.CaptionsFormat format = type.startsWith("text/vtt") ? RecordingService.CaptionsFormat.WEBVTT
        : type.startsWith("text/plain") ? RecordingService.CaptionsFormat.TEXT : RecordingService.CaptionsFormat.UNSUPPORTED;
    List<Recording.Cue> cues = recordings.setCaptions(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"),
        captionsBody(ctx.req().getInputStream()), format);
    ctx.json(Map.of("cues", cues.stream().map(RecordingApi::json).toList()));
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
    ctx.json(Map.of("cues", recordings.cues(me, id).stream().map(RecordingApi::json).toList()));
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
    ctx.json(Map.of("chapters", recordings.setChapters(me, id, given).stream().map(RecordingApi::json).toList()));
  }

  private void comment(Context ctx) {
    Input in = Input.of(ctx, json);
    Recording.Comment c = recordings.comment(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"),
        in.optionalText("body", RecordingService.COMMENT_MAX * 2).orElse(""), in.optionalText("at", 40), in.optionalText("replyTo", 40));
    ctx.status(201).json(json(c));
  }

  private void comments(Context ctx) {
    List<Recording.Discussion> all = recordings.comments(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "recording"));
    ctx.json(Map.of("comments", all.stream().map(d -> {
      Map<String, Object> c = json(d.comment());
      c.put("replies", d.replies().stream().map(RecordingApi::json).toList());
      return c;
    }).toList()));
  }

  static Map<String, Object> json(Recording r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(r.id()));
    out.put("title", r.title());
    out.put("mediaType", r.mediaType());
    out.put("size", r.size());
    out.put("spaceId", String.valueOf(r.spaceId()));
    out.put("uploader", Map.of("id", String.valueOf(r.uploaderId()), "name", r.uploaderName()));
    out.put("createdAt", Instant.ofEpochMilli(r.createdAt()).toString());
    out.put("hasCaptions", r.hasCaptions());
    out.put("url", r.path());
    out.put("media", "/api/v1/recordings/" + r.id() + "/media");
    return out;
  }

  static Map<String, Object> json(Recording.Cue c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(c.id()));
    out.put("start", c.timed() ? seconds(c.startMs()) : null);
    out.put("end", c.timed() ? seconds(c.endMs()) : null);
    out.put("text", c.text());
    return out;
  }

  static Map<String, Object> json(Recording.Chapter c) {
    return Map.of("title", c.title(), "start", seconds(c.startMs()), "startText", Timestamps.format(c.startMs()));
  }

  static Map<String, Object> json(Recording.Comment c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(c.id()));
    out.put("replyTo", c.parentId().map(String::valueOf).orElse(null));
    out.put("author", Map.of("id", String.valueOf(c.authorId()), "name", c.authorName()));
    out.put("at", seconds(c.atMs()));
    out.put("atText", Timestamps.format(c.atMs()));
    out.put("body", c.body());
    out.put("createdAt", Instant.ofEpochMilli(c.createdAt()).toString());
    return out;
  }

  /** Seconds as a number, with milliseconds when there are any (12.5). */
  private static Number seconds(long ms) {
    return ms % 1000 == 0 ? (Number) (ms / 1000) : (Number) (ms / 1000.0);
  }
}
