package dev.longhand.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** REST handlers for sync sessions: propose, read, slots, schedule, cancel, the invite, and one's weekly meeting budget. */
public final class SyncSessionApi implements Router.Routes {
  private final SyncSessionService sessions;
  private final SyncScheduling scheduling;
  private final ObjectMapper json;

  public SyncSessionApi(SyncSessionService sessions, SyncScheduling scheduling, ObjectMapper json) {
    this.sessions = sessions;
    this.scheduling = scheduling;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/threads/{id}/sync-sessions", Access.SIGNED_IN, ctx -> created(ctx,
        sessions.propose(me(ctx), Requests.pathId(ctx, "id", "thread"), proposal(Input.of(ctx, json)))));
    r.post("/api/v1/spaces/{id}/sync-sessions", Access.SIGNED_IN, ctx -> created(ctx,
        sessions.proposeInSpace(me(ctx), Requests.pathId(ctx, "id", "space"), proposal(Input.of(ctx, json)))));
    r.get("/api/v1/sync-sessions/{id}", Access.SIGNED_IN, ctx -> ctx.json(view(me(ctx), sessions.session(me(ctx), id(ctx)))));
    r.get("/api/v1/sync-sessions/{id}/slots", Access.SIGNED_IN, ctx -> ctx.json(SyncSessionJson.Slots.of(
        scheduling.slots(me(ctx), id(ctx), days(ctx.queryParam("days"))))));
    r.post("/api/v1/sync-sessions/{id}/schedule", Access.SIGNED_IN, this::schedule);
    r.post("/api/v1/sync-sessions/{id}/cancellation", Access.SIGNED_IN, ctx -> {
      scheduling.cancel(me(ctx), id(ctx));
      ctx.json(view(me(ctx), sessions.session(me(ctx), id(ctx))));
    });
    r.get("/api/v1/sync-sessions/{id}/invite.ics", Access.SIGNED_IN, ctx -> {
      String ics = scheduling.invite(me(ctx), id(ctx));
      ctx.contentType("text/calendar; charset=utf-8");
      ctx.header("Content-Disposition", "attachment; filename=\"sync-session-" + id(ctx) + ".ics\"");
      ctx.result(ics);
    });
    r.get("/api/v1/me/meeting-budget", Access.SIGNED_IN, ctx -> ctx.json(SyncSessionJson.MeetingBudget.of(scheduling.budgetOf(me(ctx)))));
    r.put("/api/v1/me/meeting-budget", Access.SIGNED_IN, ctx -> ctx.json(SyncSessionJson.MeetingBudget.of(
        scheduling.setBudget(me(ctx), integer("weeklyMinutes", Input.of(ctx, json).optionalText("weeklyMinutes", 12))))));
  }

  private void schedule(Context ctx) {
    Input in = Input.of(ctx, json);
    String start = in.optionalText("start", 64).orElse(null);
    String link = in.has("callLink") ? in.optionalText("callLink", SyncSession.MAX_CALL_LINK + 1).orElse("") : null;
    scheduling.schedule(me(ctx), id(ctx), start, link);
    ctx.json(view(me(ctx), sessions.session(me(ctx), id(ctx))));
  }

  private void created(Context ctx, SyncSession.Detail d) {
    ctx.status(201).json(view(me(ctx), d));
  }

  /** The session as its viewer sees it: budgets beside the participants for whoever may schedule it. */
  private SyncSessionJson.Session view(long viewer, SyncSession.Detail d) {
    boolean manage = scheduling.mayManage(viewer, d.session().id());
    return SyncSessionJson.Session.of(d, scheduling.budgets(d, manage), manage);
  }

  static SyncSession.Proposal proposal(Input in) {
    List<Long> people = new ArrayList<>();
    for (String raw : in.strings("participants")) people.add(Ids.parse(raw.strip())); // -1: refused after the access check
    return new SyncSession.Proposal(in.optionalText("purpose", SyncSession.MAX_PURPOSE + 1).orElse(""), in.strings("agenda"),
        people, integer("minutes", in.optionalText("minutes", 12)), in.optionalText("callLink", SyncSession.MAX_CALL_LINK + 1).orElse(""));
  }

  static Integer integer(String field, Optional<String> raw) {
    if (raw.isEmpty()) return null;
    try {
      return Integer.parseInt(raw.get().strip());
    } catch (NumberFormatException e) {
      return Integer.MIN_VALUE; // not a number: refused, naming the field, after the access check
    }
  }

  static int days(String raw) {
    if (raw == null || raw.isBlank()) return SyncSlots.DEFAULT_DAYS;
    Integer d = integer("days", Optional.of(raw));
    return d;
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }

  private static long id(Context ctx) {
    return Requests.pathId(ctx, "id", "sync session");
  }
}
