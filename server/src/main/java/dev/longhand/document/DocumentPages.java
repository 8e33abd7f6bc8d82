package dev.longhand.document;

import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * Document pages: a space's list with "New document", the document (latest revision, revisions,
 * comments), the editor, any revision, the diff between two, and the conflict page a stale save
 * lands on. Forms that fail keep what was typed and show the error beside the field.
 */
public final class DocumentPages implements Router.Routes {
  private final DocumentService documents;
  private final Pages pages;
  private final LongFunction<UnaryOperator<String>> readerTimes;

  public DocumentPages(DocumentService documents, Pages pages, LongFunction<UnaryOperator<String>> readerTimes) {
    this.documents = documents;
    this.pages = pages;
    this.readerTimes = readerTimes;
  }

  @Override
  public void register(Router r) {
    r.get("/spaces/{id}/documents", Access.SIGNED_IN, this::list);
    r.post("/spaces/{id}/documents", Access.SIGNED_IN, this::create);
    r.get("/documents/{id}", Access.SIGNED_IN, this::show);
    r.get("/documents/{id}/edit", Access.SIGNED_IN, this::editor);
    r.post("/documents/{id}/edit", Access.SIGNED_IN, this::save);
    r.get("/documents/{id}/revisions/{number}", Access.SIGNED_IN, this::revision);
    r.get("/documents/{id}/diff", Access.SIGNED_IN, this::diff);
    r.post("/documents/{id}/comments", Access.SIGNED_IN, this::comment);
    r.post("/document-comments/{id}/resolve", Access.SIGNED_IN, this::resolve);
    r.post("/document-comments/{id}/reopen", Access.SIGNED_IN, this::reopen);
  }

  private void list(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    pages.render(ctx, "document/list.jte", Map.of("listing", documents.list(me, Requests.pathId(ctx, "id", "space"),
        Optional.ofNullable(ctx.queryParam("before")), DocumentService.DEFAULT_PAGE)));
  }

  private void create(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long space = Requests.pathId(ctx, "id", "space");
    try {
      Input in = Input.ofForm(ctx);
      Document d = documents.create(me, space, in.text("title", Document.TITLE_MAX), in.body("body", Document.BODY_MAX),
          in.optionalText("summary", Document.SUMMARY_MAX).orElse(""));
      Pages.seeOther(ctx, d.path());
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      Map<String, Object> model = new HashMap<>(Map.of("listing", documents.list(me, space, Optional.empty(), DocumentService.DEFAULT_PAGE)));
      model.putAll(Map.of("error", p.detail(), "errorField", p.field().orElse(""), "draftTitle", form(ctx, "title"),
          "draftBody", form(ctx, "body"), "draftSummary", form(ctx, "summary")));
      ctx.status(400);
      pages.render(ctx, "document/list.jte", model);
    }
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Detail d = documents.document(me, Requests.pathId(ctx, "id", "document"));
    pages.render(ctx, "document/document.jte", Map.of("detail", d, "times", readerTimes.apply(me)));
  }

  private void editor(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Detail d = documents.document(me, Requests.pathId(ctx, "id", "document"));
    pages.render(ctx, "document/edit.jte", Map.of("document", d.document(), "space", d.space(), "workspaceName", d.workspaceName(),
        "baseRevision", d.latest().number(), "draftTitle", d.latest().title(), "draftBody", d.latest().body()));
  }

  /** Saves the editor: a new revision, a clean merge with what others saved meanwhile, or the conflict page. */
  private void save(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "document");
    try {
      switch (documents.save(me, id, DocumentApi.edit(Input.ofForm(ctx), true))) {
        case Document.Saved s -> Pages.seeOther(ctx, s.document().path() + "?notice=" + encode(notice(s)));
        case Document.Conflict c -> {
          ctx.status(409);
          pages.render(ctx, "document/conflict.jte", Map.of("conflict", c, "times", readerTimes.apply(me)));
        }
      }
    } catch (Problem p) {
      // Bad input, or someone saved at the very same moment: the writer keeps their draft either way.
      if (p.status() != 400 && p.status() != 409) throw p;
      Document.Detail d = documents.document(me, id);
      Map<String, Object> model = new HashMap<>(Map.of("document", d.document(), "space", d.space(), "workspaceName", d.workspaceName(),
          "draftTitle", form(ctx, "title"), "draftBody", form(ctx, "body"), "draftSummary", form(ctx, "summary")));
      model.put("baseRevision", parsedOr(form(ctx, "baseRevision"), d.latest().number()));
      model.put("error", p.detail());
      model.put("errorField", p.field().orElse(""));
      model.put("resolving", !form(ctx, "resolving").isEmpty());
      ctx.status(p.status());
      pages.render(ctx, "document/edit.jte", model);
    }
  }

  private static String notice(Document.Saved s) {
    if (!s.changed()) return "Nothing changed, so no new revision was saved.";
    return s.mergedWith().map(r -> "Saved as revision " + s.revision() + ": your edit was merged with revision " + r.number() + " by "
        + r.author().name() + ", who changed other lines while you were editing.").orElse("Saved as revision " + s.revision() + ".");
  }

  private void revision(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Shown s = documents.revision(me, Requests.pathId(ctx, "id", "document"), DocumentApi.revisionNumber(ctx));
    pages.render(ctx, "document/revision.jte", Map.of("shown", s, "times", readerTimes.apply(me)));
  }

  private void diff(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Document.Comparison c = documents.compare(me, Requests.pathId(ctx, "id", "document"),
        Optional.ofNullable(ctx.queryParam("from")).filter(s -> !s.isBlank()), Optional.ofNullable(ctx.queryParam("to")).filter(s -> !s.isBlank()));
    pages.render(ctx, "document/diff.jte", Map.of("comparison", c, "revisions", documents.revisions(me, c.document().id())));
  }

  private void comment(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "document");
    try {
      Input in = Input.ofForm(ctx);
      Document.Comment c = documents.comments().add(me, id, in.body("body", DocumentComments.BODY_MAX),
          in.optionalText("quote", Quotes.MAX), in.optionalText("parentId", 30));
      Pages.seeOther(ctx, "/documents/" + id + "?notice=" + encode(c.isReply() ? "Reply posted." : "Comment posted.") + "#comment-"
          + (c.isReply() ? c.parentId() : c.id()));
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      Map<String, Object> model = new HashMap<>(Map.of("detail", documents.document(me, id), "times", readerTimes.apply(me)));
      model.putAll(Map.of("error", p.detail(), "errorField", p.field().orElse(""), "draftComment", form(ctx, "body"),
          "draftQuote", form(ctx, "quote"), "replyTo", form(ctx, "parentId")));
      ctx.status(400);
      pages.render(ctx, "document/document.jte", model);
    }
  }

  private void resolve(Context ctx) {
    Document.Comment c = documents.comments().resolve(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "comment"));
    Pages.seeOther(ctx, "/documents/" + c.documentId() + "?notice=" + encode("Comment resolved.") + "#comment-" + c.id());
  }

  private void reopen(Context ctx) {
    Document.Comment c = documents.comments().reopen(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "comment"));
    Pages.seeOther(ctx, "/documents/" + c.documentId() + "?notice=" + encode("Comment reopened.") + "#comment-" + c.id());
  }

  private static String form(Context ctx, String field) {
    return Optional.ofNullable(ctx.formParam(field)).orElse("");
  }

  private static int parsedOr(String raw, int fallback) {
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
