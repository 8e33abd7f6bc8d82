package dev.longhand.sync;

import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Viewer;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The propose form (from a thread), the session page (slots to pick from, who is outside their hours in their own zone,
 * schedule, reschedule and cancel for whoever may), and the weekly meeting budget setting. Forms post and redirect;
 * bad input shows the page again (400) with the error beside its field and what was typed kept.
 */
public final class SyncPages implements Router.Routes {
  static final List<Integer> LENGTHS = List.of(15, 20, 30, 45, 60, 90);

  private final SyncSessionService sessions;
  private final SyncScheduling scheduling;
  private final Pages pages;
  private final Section notes;

  /** What the session page shows of another part's sections (the live notes and the closing), as template parameters. */
  public interface Section {
    Map<String, Object> model(long viewerId, long sessionId);
  }

  public SyncPages(SyncSessionService sessions, SyncScheduling scheduling, Pages pages, Section notes) {
    this.sessions = sessions;
    this.scheduling = scheduling;
    this.pages = pages;
    this.notes = notes;
  }

  @Override
  public void register(Router r) {
    r.get("/threads/{id}/sync-sessions/new", Access.SIGNED_IN, ctx -> proposeForm(ctx, null, null));
    r.post("/threads/{id}/sync-sessions", Access.SIGNED_IN, this::propose);
    r.get("/spaces/{id}/sync-sessions/new", Access.SIGNED_IN, ctx -> proposeForm(ctx, null, null));
    r.post("/spaces/{id}/sync-sessions", Access.SIGNED_IN, this::propose);
    r.get("/sync-sessions/{id}", Access.SIGNED_IN, ctx -> show(ctx, null, null));
    r.post("/sync-sessions/{id}/schedule", Access.SIGNED_IN, this::schedule);
    r.post("/sync-sessions/{id}/cancel", Access.SIGNED_IN, this::cancel);
    r.get("/me/meeting-budget", Access.SIGNED_IN, ctx -> budget(ctx, null));
    r.post("/me/meeting-budget", Access.SIGNED_IN, this::saveBudget);
  }

  /** Proposed from a space (its page's "Propose a sync session"), not from a thread. */
  private static boolean fromSpace(Context ctx) {
    return ctx.path().startsWith("/spaces/");
  }

  private void proposeForm(Context ctx, Problem error, SyncSession.Proposal typed) {
    Viewer v = Requests.viewer(ctx);
    SyncSessionService.Proposing p = fromSpace(ctx)
        ? sessions.proposeInSpace(v.accountId(), Requests.pathId(ctx, "id", "space"))
        : sessions.propose(v.accountId(), Requests.pathId(ctx, "id", "thread"));
    List<Long> ids = p.people().stream().map(SyncSession.Person::id).toList();
    Map<String, Object> model = new HashMap<>();
    model.put("proposing", p);
    model.put("viewerId", v.accountId());
    model.put("times", scheduling.times(ids));
    model.put("budgets", scheduling.budgetsIn(p.access().space().workspaceId(), p.people()));
    model.put("lengths", LENGTHS);
    model.put("typed", typed != null ? typed : new SyncSession.Proposal("", List.of(), List.of(), 30, ""));
    model.put("error", error == null ? null : error.detail());
    model.put("errorField", error == null ? null : error.field().orElse(null));
    if (error != null) ctx.status(400);
    pages.render(ctx, "sync/new.jte", model);
  }

  private void propose(Context ctx) {
    boolean inSpace = fromSpace(ctx);
    long where = Requests.pathId(ctx, "id", inSpace ? "space" : "thread");
    Input in = Input.ofForm(ctx);
    List<String> agenda = in.optionalText("agenda", 20_000).map(t -> List.of(t.split("\\R"))).orElse(List.of());
    List<Long> people = new ArrayList<>();
    for (String raw : ctx.formParams("participants")) people.add(Ids.parse(Input.requireNoNul("participants", raw).strip()));
    SyncSession.Proposal p = new SyncSession.Proposal(in.optionalText("purpose", SyncSession.MAX_PURPOSE + 1).orElse(""), agenda,
        people, SyncSessionApi.integer("minutes", in.optionalText("minutes", 12)), in.optionalText("callLink", SyncSession.MAX_CALL_LINK + 1).orElse(""));
    try {
      long me = Requests.viewer(ctx).accountId();
      SyncSession.Detail d = inSpace ? sessions.proposeInSpace(me, where, p) : sessions.propose(me, where, p);
      Pages.seeOther(ctx, d.session().path() + "?notice=Proposed.+Pick+a+time+below.");
    } catch (Problem e) {
      if (e.status() != 400) throw e;
      proposeForm(ctx, e, p);
    }
  }

  private void show(Context ctx, Problem error, String typedStart) {
    Viewer v = Requests.viewer(ctx);
    long id = Requests.pathId(ctx, "id", "sync session");
    SyncSession.Detail d = sessions.session(v.accountId(), id);
    boolean manage = scheduling.mayManage(v.accountId(), id);
    Map<String, Object> model = new HashMap<>();
    model.put("detail", d);
    model.put("mayManage", manage);
    model.put("budgets", scheduling.budgets(d, manage));
    model.put("times", scheduling.times(SyncScheduling.people(d)));
    model.put("slots", d.session().open() ? scheduling.slots(v.accountId(), id, SyncSlots.DEFAULT_DAYS).slots() : List.of());
    model.put("error", error == null ? null : error.detail());
    model.put("errorField", error == null ? null : error.field().orElse(null));
    model.put("typedStart", typedStart);
    model.putAll(notes.model(v.accountId(), id));
    if (error != null) ctx.status(400);
    pages.render(ctx, "sync/session.jte", model);
  }

  private void schedule(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    long id = Requests.pathId(ctx, "id", "sync session");
    Input in = Input.ofForm(ctx);
    String start = in.optionalText("start", 64).orElse(null);
    if ("other".equals(start)) start = local(in.optionalText("at", 40).orElse(""), v);
    try {
      SyncSession s = scheduling.schedule(v.accountId(), id, start, in.optionalText("callLink", SyncSession.MAX_CALL_LINK + 1).orElse(""));
      Pages.seeOther(ctx, s.path() + "?notice=Scheduled.+Invitations+are+on+their+way.");
    } catch (Problem e) {
      if (e.status() != 400) throw e;
      show(ctx, e, start);
    }
  }

  /** A time typed in the viewer's own zone ("2027-03-23T16:00"), as an instant; bad text is left for the service to refuse. */
  static String local(String typed, Viewer v) {
    try {
      return LocalDateTime.parse(typed.strip()).atZone(v.zone()).toInstant().toString();
    } catch (DateTimeParseException e) {
      return typed.isBlank() ? null : typed;
    }
  }

  private void cancel(Context ctx) {
    SyncSession s = scheduling.cancel(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "sync session"));
    Pages.seeOther(ctx, s.path() + "?notice=Cancelled.");
  }

  private void budget(Context ctx, Problem error) {
    Map<String, Object> model = new HashMap<>();
    model.put("weeklyMinutes", scheduling.budgetOf(Requests.viewer(ctx).accountId()));
    model.put("error", error == null ? null : error.detail());
    if (error != null) ctx.status(400);
    pages.render(ctx, "sync/budget.jte", model);
  }

  private void saveBudget(Context ctx) {
    Input in = Input.ofForm(ctx);
    try {
      Integer hours = SyncSessionApi.integer("weeklyMinutes", in.optionalText("hours", 12));
      Integer minutes = SyncSessionApi.integer("weeklyMinutes", in.optionalText("minutes", 12));
      Integer total = hours == null && minutes == null ? null
          : (hours == null ? 0 : hours) < 0 || (minutes == null ? 0 : minutes) < 0 ? Integer.valueOf(-1)
          : Integer.valueOf((hours == null ? 0 : hours) * 60 + (minutes == null ? 0 : minutes));
      scheduling.setBudget(Requests.viewer(ctx).accountId(), total);
      Pages.seeOther(ctx, "/me/meeting-budget?notice=Saved.");
    } catch (Problem e) {
      if (e.status() != 400) throw e;
      budget(ctx, e);
    }
  }
}
