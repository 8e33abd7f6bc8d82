package dev.longhand.decision;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Viewer;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision logs (space and workspace, with filters), the decision page, the decision form (new, edit,
 * superseding) and the "Resolve thread" form. Forms post, then redirect; bad input shows the form again with the
 * error beside the field. The form needs no script: "Add another option" posts the form back with one more slot.
 */
public final class DecisionPages implements Router.Routes {
  private final DecisionService decisions;
  private final ThreadResolutions resolutions;
  private final Pages pages;
  private final dev.longhand.markdown.Markdown markdown = new dev.longhand.markdown.Markdown();

  public DecisionPages(DecisionService decisions, ThreadResolutions resolutions, Pages pages) {
    this.decisions = decisions;
    this.resolutions = resolutions;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/spaces/{id}/decisions", Access.SIGNED_IN, this::spaceLog);
    r.get("/spaces/{id}/decisions/new", Access.SIGNED_IN, this::newForm);
    r.post("/spaces/{id}/decisions", Access.SIGNED_IN, this::record);
    r.get("/workspaces/{id}/decisions", Access.SIGNED_IN, this::workspaceLog);
    r.get("/decisions/{id}", Access.SIGNED_IN, this::show);
    r.get("/decisions/{id}/edit", Access.SIGNED_IN, this::editForm);
    r.post("/decisions/{id}/edit", Access.SIGNED_IN, this::change);
    r.get("/threads/{id}/resolve", Access.SIGNED_IN, this::resolveForm);
    r.post("/threads/{id}/resolve", Access.SIGNED_IN, this::resolve);
    r.post("/threads/{id}/reopen", Access.SIGNED_IN, this::reopen);
  }

  private void spaceLog(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    long space = Requests.pathId(ctx, "id", "space");
    Decision.Filter filter = DecisionApi.filter(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("rows", decisions.spaceLog(v.accountId(), space, filter, v.zone()));
    var access = decisions.space(v.accountId(), space);
    model.put("access", access);
    model.put("workspaceName", decisions.workspace(v.accountId(), access.space().workspaceId()).workspace().name());
    model.put("people", decisions.possibleOwners(v.accountId(), space));
    model.put("filter", filter);
    pages.render(ctx, "decision/log.jte", model);
  }

  private void workspaceLog(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    long workspace = Requests.pathId(ctx, "id", "workspace");
    Decision.Filter filter = DecisionApi.filter(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("rows", decisions.workspaceLog(v.accountId(), workspace, filter, v.zone()));
    model.put("membership", decisions.workspace(v.accountId(), workspace));
    model.put("people", decisions.workspaceMembers(v.accountId(), workspace));
    model.put("filter", filter);
    pages.render(ctx, "decision/workspacelog.jte", model);
  }

  private void show(Context ctx) {
    Decision.Detail d = decisions.decision(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "decision"));
    Decision x = d.decision();
    Map<String, String> html = new HashMap<>();
    Map.of("context", x.context(), "decision", x.decision(), "rationale", x.rationale(), "consequences", x.consequences())
        .forEach((k, text) -> html.put(k, markdown.toHtml(text, java.util.Set.of())));
    pages.render(ctx, "decision/decision.jte", Map.of("detail", d, "html", html));
  }

  private void newForm(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long space = Requests.pathId(ctx, "id", "space");
    Decision.Draft draft = Decision.Draft.empty();
    long supersedes = Ids.parse(Optional.ofNullable(ctx.queryParam("supersedes")).orElse(""));
    if (supersedes >= 0) {
      Decision old = decisions.decision(me, supersedes).decision();
      draft = new Decision.Draft(old.title(), old.context(), old.options(), "", "", "", "accepted", null, "", String.valueOf(old.id()), null);
    }
    long document = Ids.parse(Optional.ofNullable(ctx.queryParam("sourceDocument")).orElse(""));
    if (document >= 0) {
      String title = decisions.sourceTitle(me, new Decision.Source("document", document)).orElseThrow(() -> Problem.notFound("document"));
      draft = new Decision.Draft(title, "", List.of(), "", "", "", "proposed", null, "", null, new Decision.Source("document", document));
    }
    form(ctx, me, space, draft, null, 0);
  }

  private void record(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long space = Requests.pathId(ctx, "id", "space");
    Decision.Draft draft = DecisionInput.fromForm(ctx);
    if (ctx.formParam("more") != null) {
      form(ctx, me, space, draft, null, 1);
      return;
    }
    try {
      Decision d = decisions.recordDecision(me, space, draft);
      Pages.seeOther(ctx, d.path() + "?notice=Decision+recorded.");
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      ctx.status(400);
      form(ctx, me, space, draft, p, 0);
    }
  }

  private void form(Context ctx, long me, long space, Decision.Draft draft, Problem error, int extra) {
    Map<String, Object> model = formModel(draft, error, extra);
    model.put("access", decisions.space(me, space));
    model.put("people", decisions.possibleOwners(me, space));
    model.put("viewerId", me);
    pages.render(ctx, "decision/new.jte", model);
  }

  private void editForm(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Decision.Detail d = decisions.decision(me, Requests.pathId(ctx, "id", "decision"));
    Decision x = d.decision();
    Decision.Draft draft = new Decision.Draft(x.title(), x.context(), x.options(), x.decision(), x.rationale(), x.consequences(),
        x.status().key(), String.valueOf(x.ownerId()), x.revisitBy().map(Object::toString).orElse(""), null, null);
    edit(ctx, me, d, draft, null, 0);
  }

  private void change(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "decision");
    Decision.Draft draft = DecisionInput.fromForm(ctx);
    if (ctx.formParam("more") != null) {
      edit(ctx, me, decisions.decision(me, id), draft, null, 1);
      return;
    }
    try {
      decisions.changeDecision(me, id, draft.withSource(null));
      Pages.seeOther(ctx, "/decisions/" + id + "?notice=Decision+saved.");
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      ctx.status(400);
      edit(ctx, me, decisions.decision(me, id), draft, p, 0);
    }
  }

  private void edit(Context ctx, long me, Decision.Detail d, Decision.Draft draft, Problem error, int extra) {
    Map<String, Object> model = formModel(draft, error, extra);
    model.put("detail", d);
    model.put("people", decisions.possibleOwners(me, d.decision().spaceId()));
    model.put("viewerId", me);
    pages.render(ctx, "decision/edit.jte", model);
  }

  private void resolveForm(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ThreadResolutions.Start start = resolutions.start(me, Requests.pathId(ctx, "id", "thread"));
    resolvePage(ctx, me, start, start.draft(), "decision", "", null, 0);
  }

  private void resolve(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long thread = Requests.pathId(ctx, "id", "thread");
    String outcome = Optional.ofNullable(ctx.formParam("outcome")).orElse("");
    String note = Optional.ofNullable(ctx.formParam(outcome.equals("answer") ? "answer" : "reason")).orElse("");
    Decision.Draft draft = DecisionInput.fromForm(ctx);
    if (ctx.formParam("more") != null) {
      resolvePage(ctx, me, resolutions.start(me, thread), draft, outcome, note, null, 1);
      return;
    }
    try {
      resolutions.resolveThread(me, thread, outcome, draft, note);
      Pages.seeOther(ctx, "/threads/" + thread + "?notice=Thread+resolved.");
    } catch (Problem p) {
      if (p.status() != 400 && p.status() != 409) throw p;
      ctx.status(p.status());
      resolvePage(ctx, me, resolutions.start(me, thread), draft, outcome, note, p, 0);
    }
  }

  private void resolvePage(Context ctx, long me, ThreadResolutions.Start start, Decision.Draft draft, String outcome, String note,
      Problem error, int extra) {
    Map<String, Object> model = formModel(draft, error, extra);
    model.put("start", start);
    model.put("people", decisions.possibleOwners(me, start.space().id()));
    model.put("viewerId", me);
    model.put("outcome", outcome);
    model.put("note", note);
    pages.render(ctx, "decision/resolve.jte", model);
  }

  private void reopen(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    resolutions.reopenThread(Requests.viewer(ctx).accountId(), thread);
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=Thread+reopened.");
  }

  private static Map<String, Object> formModel(Decision.Draft draft, Problem error, int extra) {
    Map<String, Object> model = new HashMap<>();
    model.put("draft", draft);
    int filled = draft.options() == null ? 0 : draft.options().size();
    model.put("slots", Math.min(DecisionInput.OPTIONS_MAX, Math.max(DecisionInput.FORM_OPTIONS, filled + 1) + extra));
    if (error != null) {
      model.put("error", error.detail());
      model.put("errorField", error.field().orElse(""));
    }
    return model;
  }
}
