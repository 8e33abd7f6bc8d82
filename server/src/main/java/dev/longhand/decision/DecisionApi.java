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
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    ctx.status(201).json(Map.of("id", id(d.id()), "number", d.number(), "status", d.status().key(), "url", d.path()));
  }

  private void show(Context ctx) {
    ctx.json(detail(decisions.decision(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "decision"))));
  }

  private void change(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "decision");
    JsonNode body = body(ctx);
    decisions.changeDecision(me, id, DecisionInput.fromJson(body));
    ctx.json(detail(decisions.decision(me, id)));
  }

  private void spaceLog(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    List<Decision.Row> rows = decisions.spaceLog(v.accountId(), Requests.pathId(ctx, "id", "space"), filter(ctx), v.zone());
    ctx.json(Map.of("decisions", rows.stream().map(DecisionApi::summary).toList()));
  }

  private void workspaceLog(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    List<Decision.Row> rows = decisions.workspaceLog(v.accountId(), Requests.pathId(ctx, "id", "workspace"), filter(ctx), v.zone());
    ctx.json(Map.of("decisions", rows.stream().map(DecisionApi::summary).toList()));
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

  static Map<String, Object> summary(Decision.Row r) {
    Decision d = r.decision();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id(d.id()));
    out.put("number", d.number());
    out.put("title", d.title());
    out.put("status", d.status().key());
    out.put("space", Map.of("id", id(d.spaceId()), "name", r.spaceName()));
    out.put("owner", person(r.owner()));
    d.revisitBy().ifPresent(x -> out.put("revisitBy", x.toString()));
    out.put("createdAt", instant(d.createdAt()));
    out.put("updatedAt", instant(d.updatedAt()));
    out.put("url", d.path());
    return out;
  }

  private static Map<String, Object> detail(Decision.Detail v) {
    Decision d = v.decision();
    Map<String, Object> out = summary(new Decision.Row(d, v.spaceName(), v.owner()));
    out.put("workspaceId", id(d.workspaceId()));
    out.put("context", d.context());
    out.put("options", d.options().stream().map(o -> Map.of("title", o.title(), "pros", o.pros(), "cons", o.cons())).toList());
    out.put("decision", d.decision());
    out.put("rationale", d.rationale());
    out.put("consequences", d.consequences());
    v.supersedes().ifPresent(l -> out.put("supersedes", link(l)));
    v.supersededBy().ifPresent(l -> out.put("supersededBy", link(l)));
    v.origin().ifPresent(o -> {
      Map<String, Object> source = new LinkedHashMap<>(Map.of("kind", o.source().kind(), "id", id(o.source().id())));
      o.title().ifPresent(t -> {
        source.put("title", t);
        source.put("url", o.source().path());
      });
      out.put("source", source);
    });
    out.put("history", v.history().stream().map(h -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("at", instant(h.at()));
      e.put("action", h.action());
      h.actor().ifPresent(a -> e.put("by", person(a)));
      e.put("changes", h.changes().stream().map(c -> Map.of("field", c.field(), "from", c.from(), "to", c.to())).toList());
      return e;
    }).toList());
    return out;
  }

  private static Map<String, Object> link(Decision.Link l) {
    return Map.of("id", id(l.id()), "number", l.number(), "title", l.title(), "status", l.status().key(), "url", "/decisions/" + l.id());
  }

  private static Map<String, Object> person(Decision.Person p) {
    return Map.of("id", id(p.id()), "name", p.name(), "handle", p.handle());
  }

  private static String id(long id) {
    return String.valueOf(id);
  }

  private static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
