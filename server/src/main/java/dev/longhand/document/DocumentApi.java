package dev.longhand.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.List;
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
    ctx.status(201).json(new DocumentJson.Created(String.valueOf(d.id()), d.latestRevision(), d.path()));
  }

  private void list(Context ctx) {
    Document.Listing l = documents.list(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"),
        Optional.ofNullable(ctx.queryParam("before")), Requests.limit(ctx, DocumentService.DEFAULT_PAGE, DocumentService.MAX_PAGE));
    ctx.json(new DocumentJson.Listing(l.documents().stream().map(DocumentJson.Summary::of).toList(), l.next().orElse(null)));
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Detail d = documents.document(me, Requests.pathId(ctx, "id", "document"));
    ctx.json(DocumentJson.Detail.of(d, readerTimes.apply(me)));
  }

  private void save(Context ctx) {
    long id = Requests.pathId(ctx, "id", "document");
    Document.Edit edit = edit(Input.of(ctx, json), false);
    switch (documents.save(Requests.viewer(ctx).accountId(), id, edit)) {
      case Document.Saved s -> ctx.json(DocumentJson.Saved.of(s));
      case Document.Conflict c -> conflict(ctx, c);
    }
  }

  private void revisions(Context ctx) {
    List<Document.Revision> all = documents.revisions(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "document"));
    ctx.json(new DocumentJson.Revisions(all.stream().map(r -> DocumentJson.Revision.of(r, false)).toList()));
  }

  private void revision(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Shown s = documents.revision(me, Requests.pathId(ctx, "id", "document"), revisionNumber(ctx));
    ctx.json(DocumentJson.Revision.of(s.revision(), true)
        .shown(readerTimes.apply(me).apply(s.bodyHtml()), s.revision().number() == s.document().latestRevision()));
  }

  private void diff(Context ctx) {
    Document.Comparison c = documents.compare(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "document"),
        Optional.ofNullable(ctx.queryParam("from")).filter(s -> !s.isBlank()), Optional.ofNullable(ctx.queryParam("to")).filter(s -> !s.isBlank()));
    var stats = c.diff().stats();
    ctx.json(new DocumentJson.Diff(String.valueOf(c.document().id()), DocumentJson.Revision.of(c.from(), false),
        DocumentJson.Revision.of(c.to(), false),
        c.from().title().equals(c.to().title()) ? null : new DocumentJson.TitleChange(c.from().title(), c.to().title()),
        new DocumentJson.Stats(stats.added(), stats.removed(), stats.changed()),
        c.diff().lines().stream().map(DocumentJson.Line::of).toList(), c.html()));
  }

  private void comment(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "document");
    Input in = Input.of(ctx, json);
    Document.Comment c = documents.comments().add(me, id, in.body("body", DocumentComments.BODY_MAX),
        in.optionalText("quote", Quotes.MAX), in.optionalText("parentId", 30));
    ctx.status(201).json(DocumentJson.Comment.of(c, readerTimes.apply(me)));
  }

  private void comments(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    List<Document.Comment> all = documents.comments().list(me, Requests.pathId(ctx, "id", "document"));
    UnaryOperator<String> times = readerTimes.apply(me);
    ctx.json(new DocumentJson.Comments(all.stream().map(c -> DocumentJson.Comment.of(c, times)).toList()));
  }

  private void resolve(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ctx.json(DocumentJson.Comment.of(documents.comments().resolve(me, Requests.pathId(ctx, "id", "comment")), readerTimes.apply(me)));
  }

  private void reopen(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ctx.json(DocumentJson.Comment.of(documents.comments().reopen(me, Requests.pathId(ctx, "id", "comment")), readerTimes.apply(me)));
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

  private static void conflict(Context ctx, Document.Conflict c) {
    String detail = "Revision " + c.latest().number() + " by " + c.latest().author().name() + " was saved after revision "
        + c.base().number() + ", which this edit started from. Merge your edit into revision " + c.latest().number()
        + " and save again with that baseRevision" + (c.conflicts() == 0 ? ", or send \"merge\": true to save the clean merge." : ".");
    ctx.status(409).json(new DocumentJson.Conflict("/problems/edit-conflict", "Edit conflict", 409, detail, "baseRevision",
        ctx.path(), c.base().number(), c.latest().number(), DocumentJson.Revision.of(c.latest(), true),
        new DocumentJson.Merge(c.conflicts() == 0, c.conflicts(), c.mergedText()))).contentType("application/problem+json");
  }
}
