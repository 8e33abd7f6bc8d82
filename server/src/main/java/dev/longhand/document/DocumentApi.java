package dev.longhand.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/** REST handlers for documents, revisions, diffs and comments. A stale save answers 409 with the latest revision. */
public final class DocumentApi implements Router.Routes {
  private final DocumentService documents;
  private final ObjectMapper json;
  private final LongFunction<UnaryOperator<String>> readerTimes;

  /** {@code readerTimes} shows written times in rendered Markdown in the reader's zone. */
  public DocumentApi(DocumentService documents, ObjectMapper json, LongFunction<UnaryOperator<String>> readerTimes) {
    this.documents = documents;
    this.json = json;
    this.readerTimes = readerTimes;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/spaces/{id}/documents", Access.SIGNED_IN, this::create);
    r.get("/api/v1/spaces/{id}/documents", Access.SIGNED_IN, this::list);
    r.get("/api/v1/documents/{id}", Access.SIGNED_IN, this::show);
    r.put("/api/v1/documents/{id}", Access.SIGNED_IN, this::save);
    r.get("/api/v1/documents/{id}/revisions", Access.SIGNED_IN, this::revisions);
    r.get("/api/v1/documents/{id}/revisions/{number}", Access.SIGNED_IN, this::revision);
    r.get("/api/v1/documents/{id}/diff", Access.SIGNED_IN, this::diff);
    r.post("/api/v1/documents/{id}/comments", Access.SIGNED_IN, this::comment);
    r.get("/api/v1/documents/{id}/comments", Access.SIGNED_IN, this::comments);
    r.post("/api/v1/document-comments/{id}/resolution", Access.SIGNED_IN, this::resolve);
    r.delete("/api/v1/document-comments/{id}/resolution", Access.SIGNED_IN, this::reopen);
  }

  private void create(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    Input in = Input.of(ctx, json);
    Document d = documents.create(Requests.viewer(ctx).accountId(), space, in.text("title", Document.TITLE_MAX),
        in.body("body", Document.BODY_MAX), in.optionalText("summary", Document.SUMMARY_MAX).orElse(""));
    ctx.status(201).json(Map.of("id", String.valueOf(d.id()), "revision", d.latestRevision(), "url", d.path()));
  }

  private void list(Context ctx) {
    Document.Listing l = documents.list(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"),
        Optional.ofNullable(ctx.queryParam("before")), Requests.limit(ctx, DocumentService.DEFAULT_PAGE, DocumentService.MAX_PAGE));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documents", l.documents().stream().map(DocumentApi::summary).toList());
    l.next().ifPresent(n -> out.put("next", n));
    ctx.json(out);
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Detail d = documents.document(me, Requests.pathId(ctx, "id", "document"));
    Map<String, Object> out = summary(d.document());
    out.put("spaceId", String.valueOf(d.document().spaceId()));
    out.put("workspaceId", String.valueOf(d.document().workspaceId()));
    out.put("createdAt", instant(d.document().createdAt()));
    out.put("summary", d.latest().summary());
    out.put("body", d.latest().body());
    out.put("bodyHtml", readerTimes.apply(me).apply(d.bodyHtml()));
    out.put("openComments", d.openComments());
    ctx.json(out);
  }

  private void save(Context ctx) {
    long id = Requests.pathId(ctx, "id", "document");
    Document.Edit edit = edit(Input.of(ctx, json), false);
    switch (documents.save(Requests.viewer(ctx).accountId(), id, edit)) {
      case Document.Saved s -> ctx.json(saved(s));
      case Document.Conflict c -> conflict(ctx, c);
    }
  }

  private void revisions(Context ctx) {
    List<Document.Revision> all = documents.revisions(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "document"));
    ctx.json(Map.of("revisions", all.stream().map(r -> revision(r, false)).toList()));
  }

  private void revision(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Shown s = documents.revision(me, Requests.pathId(ctx, "id", "document"), revisionNumber(ctx));
    Map<String, Object> out = revision(s.revision(), true);
    out.put("bodyHtml", readerTimes.apply(me).apply(s.bodyHtml()));
    out.put("latest", s.revision().number() == s.document().latestRevision());
    ctx.json(out);
  }

  private void diff(Context ctx) {
    Document.Comparison c = documents.compare(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "document"),
        Optional.ofNullable(ctx.queryParam("from")).filter(s -> !s.isBlank()), Optional.ofNullable(ctx.queryParam("to")).filter(s -> !s.isBlank()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documentId", String.valueOf(c.document().id()));
    out.put("from", revision(c.from(), false));
    out.put("to", revision(c.to(), false));
    if (!c.from().title().equals(c.to().title())) out.put("titleChange", Map.of("from", c.from().title(), "to", c.to().title()));
    out.put("stats", Map.of("added", c.diff().stats().added(), "removed", c.diff().stats().removed(), "changed", c.diff().stats().changed()));
    out.put("lines", c.diff().lines().stream().map(DocumentApi::line).toList());
    out.put("html", c.html());
    ctx.json(out);
  }

  private void comment(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "document");
    Input in = Input.of(ctx, json);
    Document.Comment c = documents.comments().add(me, id, in.body("body", DocumentComments.BODY_MAX),
        in.optionalText("quote", Quotes.MAX), in.optionalText("parentId", 30));
    ctx.status(201).json(comment(c, readerTimes.apply(me)));
  }

  private void comments(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    List<Document.Comment> all = documents.comments().list(me, Requests.pathId(ctx, "id", "document"));
    UnaryOperator<String> times = readerTimes.apply(me);
    ctx.json(Map.of("comments", all.stream().map(c -> comment(c, times)).toList()));
  }

  private void resolve(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ctx.json(comment(documents.comments().resolve(me, Requests.pathId(ctx, "id", "comment")), readerTimes.apply(me)));
  }

  private void reopen(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ctx.json(comment(documents.comments().reopen(me, Requests.pathId(ctx, "id", "comment")), readerTimes.apply(me)));
  }

  /** An edit from a JSON body or the editor's form. {@code fromForm}: the editor, which always merges when it can. */
  static Document.Edit edit(Input in, boolean fromForm) {
    String rawBase = in.optionalText("baseRevision", 12)
        .orElseThrow(() -> Problem.invalid("baseRevision", "'baseRevision' is required: the revision your edit started from."));
    int base;
    try {
      base = Integer.parseInt(rawBase);
    } catch (NumberFormatException e) {
      throw Problem.invalid("baseRevision", "'baseRevision' must be a revision number, such as 3.");
    }
    String body = in.body("body", Document.BODY_MAX);
    Optional<String> title = fromForm ? Optional.of(in.text("title", Document.TITLE_MAX)) : in.optionalText("title", Document.TITLE_MAX);
    String summary = in.optionalText("summary", Document.SUMMARY_MAX).orElse("");
    boolean merge = fromForm || in.optionalText("merge", 5).map("true"::equalsIgnoreCase).orElse(false);
    boolean resolving = fromForm && in.optionalText("resolving", 5).isPresent();
    return new Document.Edit(body, base, title, summary, merge, resolving);
  }

  static int revisionNumber(Context ctx) {
    try {
      int n = Integer.parseInt(ctx.pathParam("number"));
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // falls through: not a revision of ours
    }
    throw Problem.notFound("revision");
  }

  private static Map<String, Object> saved(Document.Saved s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(s.document().id()));
    out.put("revision", s.revision());
    out.put("changed", s.changed());
    out.put("merged", s.mergedWith().isPresent());
    s.mergedWith().ifPresent(r -> out.put("mergedWith", revision(r, false)));
    return out;
  }

  /** 409 problem+json: what the writer needs to merge (the latest text, and the merge attempted). */
  private static void conflict(Context ctx, Document.Conflict c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "/problems/edit-conflict");
    out.put("title", "Edit conflict");
    out.put("status", 409);
    out.put("detail", "Revision " + c.latest().number() + " by " + c.latest().author().name() + " was saved after revision "
        + c.base().number() + ", which this edit started from. Merge your edit into revision " + c.latest().number()
        + " and save again with that baseRevision" + (c.conflicts() == 0 ? ", or send \"merge\": true to save the clean merge." : "."));
    out.put("field", "baseRevision");
    out.put("instance", ctx.path());
    out.put("baseRevision", c.base().number());
    out.put("latestRevision", c.latest().number());
    out.put("latest", revision(c.latest(), true));
    out.put("merge", Map.of("clean", c.conflicts() == 0, "conflicts", c.conflicts(), "body", c.mergedText()));
    ctx.status(409).json(out).contentType("application/problem+json");
  }

  private static Map<String, Object> summary(Document d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(d.id()));
    out.put("title", d.title());
    out.put("revision", d.latestRevision());
    out.put("revisionCount", d.latestRevision());
    out.put("lastEditor", person(d.updatedBy()));
    out.put("updatedAt", instant(d.updatedAt()));
    out.put("url", d.path());
    return out;
  }

  private static Map<String, Object> revision(Document.Revision r, boolean withBody) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("number", r.number());
    out.put("title", r.title());
    out.put("summary", r.summary());
    out.put("author", person(r.author()));
    out.put("createdAt", instant(r.createdAt()));
    if (withBody) out.put("body", r.body());
    return out;
  }

  private static Map<String, Object> line(TextDiff.Line l) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("op", l.kind().key);
    if (l.oldNumber() > 0) out.put("old", l.oldNumber());
    if (l.newNumber() > 0) out.put("new", l.newNumber());
    switch (l.kind()) {
      case EQUAL, DELETE -> out.put("text", l.oldText());
      case INSERT -> out.put("text", l.newText());
      case CHANGE -> {
        out.put("oldText", l.oldText());
        out.put("newText", l.newText());
        out.put("words", l.words().stream().map(w -> Map.of("op", w.kind().key, "text", w.text())).toList());
      }
    }
    return out;
  }

  private static Map<String, Object> comment(Document.Comment c, UnaryOperator<String> times) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(c.id()));
    if (c.isReply()) out.put("parentId", String.valueOf(c.parentId()));
    out.put("author", person(c.author()));
    out.put("body", c.body());
    out.put("bodyHtml", times.apply(c.bodyHtml()));
    out.put("createdAt", instant(c.createdAt()));
    out.put("revision", c.revision());
    c.quote().ifPresent(q -> {
      out.put("quote", q);
      out.put("quoteInLatest", c.quoteInLatest());
    });
    if (!c.isReply()) {
      out.put("resolved", c.resolved());
      if (c.resolved()) {
        out.put("resolvedAt", instant(c.resolvedAt()));
        c.resolvedBy().ifPresent(p -> out.put("resolvedBy", person(p)));
      }
      out.put("replies", c.replies().stream().map(r -> comment(r, times)).toList());
    }
    return out;
  }

  private static Map<String, Object> person(Document.Person p) {
    return Map.of("id", String.valueOf(p.id()), "name", p.name());
  }

  private static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
