package dev.longhand.brainstorm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;

/** REST handlers for brainstorms. Ids are strings, instants ISO-8601 UTC; no answer names an idea's author. */
public final class BrainstormApi implements Router.Routes {
  private final BrainstormService brainstorms;
  private final ObjectMapper json;

  public BrainstormApi(BrainstormService brainstorms, ObjectMapper json) {
    this.brainstorms = brainstorms;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/threads/{id}/brainstorms", Access.SIGNED_IN, this::start);
    r.get("/api/v1/brainstorms/{id}", Access.SIGNED_IN, this::show);
    r.post("/api/v1/brainstorms/{id}/ideas", Access.SIGNED_IN, this::addIdea);
    r.delete("/api/v1/brainstorms/{id}/ideas/{ideaId}", Access.SIGNED_IN, this::withdraw);
    r.post("/api/v1/brainstorms/{id}/votes", Access.SIGNED_IN, this::vote);
  }

  private void start(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Brainstorm.View v = brainstorms.start(Requests.viewer(ctx).accountId(), thread, startOf(Input.of(ctx, json)));
    ctx.status(201).json(BrainstormJson.Detail.of(v));
  }

  private void show(Context ctx) {
    ctx.json(BrainstormJson.Detail.of(brainstorms.brainstorm(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "brainstorm"))));
  }

  private void addIdea(Context ctx) {
    long id = Requests.pathId(ctx, "id", "brainstorm");
    String text = Input.of(ctx, json).text("text", BrainstormService.IDEA_MAX);
    ctx.status(201).json(BrainstormJson.Idea.of(brainstorms.addIdea(Requests.viewer(ctx).accountId(), id, text)));
  }

  private void withdraw(Context ctx) {
    long id = Requests.pathId(ctx, "id", "brainstorm");
    brainstorms.withdrawIdea(Requests.viewer(ctx).accountId(), id, Requests.pathId(ctx, "ideaId", "idea"));
    ctx.status(204);
  }

  private void vote(Context ctx) {
    long id = Requests.pathId(ctx, "id", "brainstorm");
    long idea = ideaId(Input.of(ctx, json).text("ideaId", 20));
    ctx.status(201).json(BrainstormJson.Detail.of(brainstorms.vote(Requests.viewer(ctx).accountId(), id, idea)));
  }

  /** A brainstorm's start from JSON or a form: instants with an offset; {@code dots} defaults to 3. */
  static Brainstorm.Start startOf(Input in) {
    String prompt = in.text("prompt", BrainstormService.PROMPT_MAX);
    long ideasUntil = Input.instant("ideasUntil", required(in, "ideasUntil")).toEpochMilli();
    long votesUntil = Input.instant("votesUntil", required(in, "votesUntil")).toEpochMilli();
    return new Brainstorm.Start(prompt, ideasUntil, votesUntil, dots(in));
  }

  static int dots(Input in) {
    String raw = in.optionalText("dots", 10).orElse(null);
    if (raw == null) return BrainstormService.DEFAULT_DOTS;
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw Problem.invalid("dots", "'dots' must be a whole number from 1 to " + BrainstormService.MAX_DOTS + ".");
    }
  }

  static long ideaId(String raw) {
    long id = Ids.parse(raw);
    if (id < 0) throw Problem.invalid("ideaId", "'ideaId' must be an idea's id.");
    return id;
  }

  private static String required(Input in, String field) {
    return in.optionalText(field, 60).orElseThrow(() -> Problem.invalid(field,
        "'" + field + "' is required: an instant with an offset, such as 2026-12-01T15:00:00Z."));
  }
}
