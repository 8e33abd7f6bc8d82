package dev.longhand.thread;

import dev.longhand.http.PostLinks;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.document.DiffHtml;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forms that edit, delete and move posts from the thread page (POST/redirect/GET), and a post's history page
 * with what each edit changed.
 */
final class PostPages implements Router.Routes {
  private final PostEdits edits;
  private final Pages pages;
  private final ObjectMapper json;
  private final ThreadPages threadPages;

  PostPages(PostEdits edits, Pages pages, ObjectMapper json, ThreadPages threadPages) {
    this.edits = edits;
    this.pages = pages;
    this.json = json;
    this.threadPages = threadPages;
  }

  @Override
  public void register(Router r) {
    r.post("/threads/{id}/edit", Access.SIGNED_IN, this::editThread);
    r.post("/threads/{id}/delete", Access.SIGNED_IN, this::deleteThread);
    r.post("/threads/{id}/move", Access.SIGNED_IN, this::moveThread);
    r.get("/threads/{id}/history", Access.SIGNED_IN, this::threadHistory);
    r.post("/threads/{id}/replies/{replyId}/edit", Access.SIGNED_IN, this::editReply);
    r.post("/threads/{id}/replies/{replyId}/delete", Access.SIGNED_IN, this::deleteReply);
    r.get("/threads/{id}/replies/{replyId}/history", Access.SIGNED_IN, this::replyHistory);
  }

  private void editThread(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    try {
      Input in = Input.of(ctx, json);
      PostEdits.ThreadChange change = new PostEdits.ThreadChange(Optional.of(in.text("title", ThreadApi.TITLE_MAX)),
          Optional.of(in.body("body", ThreadApi.BODY_MAX)), Optional.empty());
      edits.changeThread(Requests.viewer(ctx).accountId(), thread, change);
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      threadPages.editRefused(ctx, thread, thread, p, sent(ctx, "title"), sent(ctx, "body"));
      return;
    }
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=" + encode("Saved your edit."));
  }

  private void deleteThread(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    long space = edits.deleteThread(Requests.viewer(ctx).accountId(), thread);
    Pages.seeOther(ctx, "/spaces/" + space + "?notice=" + encode("The thread was deleted."));
  }

  private void moveThread(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    String raw = Input.of(ctx, json).text("spaceId", 20);
    long space = Ids.parse(raw);
    if (space < 0) throw Problem.invalid("spaceId", "Choose a space to move the thread to.");
    edits.changeThread(Requests.viewer(ctx).accountId(), thread,
        new PostEdits.ThreadChange(Optional.empty(), Optional.empty(), Optional.of(space)));
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=" + encode("The thread was moved."));
  }

  private void editReply(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    long reply = Requests.pathId(ctx, "replyId", "reply");
    try {
      String body = Input.of(ctx, json).body("body", ThreadApi.BODY_MAX);
      edits.editReply(Requests.viewer(ctx).accountId(), thread, reply, body);
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      threadPages.editRefused(ctx, thread, reply, p, null, sent(ctx, "body"));
      return;
    }
    Pages.seeOther(ctx, PostLinks.reply(thread, reply));
  }

  private void deleteReply(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    long reply = Requests.pathId(ctx, "replyId", "reply");
    edits.deleteReply(Requests.viewer(ctx).accountId(), thread, reply);
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=" + encode("The reply was deleted."));
  }

  private void threadHistory(Context ctx) {
    history(ctx, edits.threadHistory(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread")));
  }

  private void replyHistory(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    Thread.History h = edits.replyHistory(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "replyId", "reply"));
    if (h.thread().id() != thread) throw Problem.notFound("reply");
    history(ctx, h);
  }

  private void history(Context ctx, Thread.History h) {
    List<Thread.Change> changes = new ArrayList<>();
    Thread.Revision before = null;
    for (Thread.Revision r : h.revisions()) {
      changes.add(new Thread.Change(r, before == null || !h.opening() || before.title().equals(r.title()) ? null : before.title(),
          before == null ? null : DiffHtml.between(before.body(), r.body())));
      before = r;
    }
    pages.render(ctx, "thread/history.jte", Map.of("history", h, "changes", changes.reversed()));
  }

  /** A form field as sent, for the form shown again (text with a NUL never gets here: the request is refused first). */
  private static String sent(Context ctx, String field) {
    return Optional.ofNullable(ctx.formParam(field)).orElse("");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
