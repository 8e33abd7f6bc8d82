package dev.longhand.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Viewer;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** REST handlers for decisions, their logs, the ADR export and thread resolutions. Ids are strings, instants ISO-8601 UTC. */
public final class DecisionApi implements Router.Routes {
  private final DecisionService decisions;
  private final ThreadResolutions resolutions;
  private final ObjectMapper json;

  public DecisionApi(DecisionService decisions, ThreadResolutions resolutions, ObjectMapper json) {
    this.decisions = decisions;
    this.resolutions = resolutions;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/spaces/{id}/decisions", Access.SIGNED_IN, this::record);
    r.get("/api/v1/spaces/{id}/decisions", Access.SIGNED_IN, this::spaceLog);
    r.get("/api/v1/decisions/{id}", Access.SIGNED_IN, this::show);
    r.put("/api/v1/decisions/{id}", Access.SIGNED_IN, this::change);
    r.get("/api/v1/workspaces/{id}/decisions", Access.SIGNED_IN, this::workspaceLog);
    r.get("/api/v1/workspaces/{id}/decisions/export", Access.SIGNED_IN, this::export);
    r.post("/api/v1/threads/{id}/resolution", Access.SIGNED_IN, this::resolve);
    r.delete("/api/v1/threads/{id}/resolution", Access.SIGNED_IN, this::reopen);
  }

  private void record(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    Decision d = decisions.recordDecision(Requests.viewer(ctx).accountId(), space, DecisionInput.fromJson(body(ctx)));
    ctx.status(201).json(new DecisionJson.Recorded(DecisionJson.id(d.id()), d.number(), d.status().key(), d.path()));
  }

  private void show(Context ctx) {
    ctx.json(DecisionJson.Detail.of(decisions.decision(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "decision"))));
  }

  private void change(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "decision");
    JsonNode body = body(ctx);
    decisions.changeDecision(me, id, DecisionInput.fromJson(body));
    ctx.json(DecisionJson.Detail.of(decisions.decision(me, id)));
  }

  private void spaceLog(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    List<Decision.Row> rows = decisions.spaceLog(v.accountId(), Requests.pathId(ctx, "id", "space"), filter(ctx), v.zone());
    ctx.json(new DecisionJson.Log(rows.stream().map(DecisionJson.Summary::of).toList()));
  }

  private void workspaceLog(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    List<Decision.Row> rows = decisions.workspaceLog(v.accountId(), Requests.pathId(ctx, "id", "workspace"), filter(ctx), v.zone());
    ctx.json(new DecisionJson.Log(rows.stream().map(DecisionJson.Summary::of).toList()));
  }

  private void export(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    long workspace = Requests.pathId(ctx, "id", "workspace");
    byte[] zip = decisions.exportAdrs(v.accountId(), workspace, v.zone());
    ctx.header("Content-Disposition", "attachment; filename=\"decisions-" + workspace + ".zip\"");
    ctx.contentType("application/zip").result(zip);
  }

  private void resolve(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    JsonNode body = body(ctx);
    Input in = Input.ofJson(body);
    String outcome = in.optionalText("outcome", 40).map(String::toLowerCase).orElse(null);
    String note = in.optionalText("answer".equals(outcome) ? "answer" : "reason", ThreadResolutions.NOTE_MAX + 1).orElse("");
    var r = resolutions.resolveThread(Requests.viewer(ctx).accountId(), thread, outcome, DecisionInput.fromJson(body), note);
    ctx.status(201).json(r.json());
  }

  private void reopen(Context ctx) {
    resolutions.reopenThread(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"));
    ctx.status(204);
  }

  private JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) throw Problem.invalid("body", "The request body must be a JSON object.");
    try {
      JsonNode node = json.readTree(text);
      if (!node.isObject()) throw Problem.invalid("body", "The request body must be a JSON object.");
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Problem.invalid("body", "The request body is not valid JSON.");
    }
  }

  /** The log's filters from the query: {@code status}, {@code owner}, {@code from}, {@code to} (dates in the reader's zone). */
  static Decision.Filter filter(Context ctx) {
    Optional<String> status = query(ctx, "status");
    Optional<Decision.Status> s = status.map(x -> Decision.Status.of(x).orElseThrow(() -> Problem.invalid("status",
        "'status' must be one of " + String.join(", ", Decision.Status.KEYS) + ", not '" + x + "'.")));
    Optional<Long> owner = query(ctx, "owner").map(x -> {
      long id = Ids.parse(x);
      if (id < 0) throw Problem.invalid("owner", "'owner' must be a person's id.");
      return id;
    });
    return new Decision.Filter(s, owner, date(ctx, "from"), date(ctx, "to"));
  }

  private static Optional<LocalDate> date(Context ctx, String field) {
    return query(ctx, field).map(x -> Input.date(field, x));
  }

  private static Optional<String> query(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(x -> !x.isEmpty());
  }
}
