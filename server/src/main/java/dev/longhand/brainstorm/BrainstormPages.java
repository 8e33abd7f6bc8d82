package dev.longhand.brainstorm;

import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Viewer;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The brainstorm pages: the start form (phase ends as local times in the starter's zone), and the brainstorm's page,
 * whose forms add and withdraw one's own ideas and put dots. Forms post, then redirect; refused input shows the page
 * again with the reason beside the field.
 */
public final class BrainstormPages implements Router.Routes {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private final BrainstormService brainstorms;
  private final Pages pages;
  private final Clock clock;

  public BrainstormPages(BrainstormService brainstorms, Pages pages, Clock clock) {
    this.brainstorms = brainstorms;
    this.pages = pages;
    this.clock = clock;
  }

  @Override
  public void register(Router r) {
    r.get("/threads/{id}/brainstorms/new", Access.SIGNED_IN, this::newForm);
    r.post("/threads/{id}/brainstorms", Access.SIGNED_IN, this::start);
    r.get("/brainstorms/{id}", Access.SIGNED_IN, this::show);
    r.post("/brainstorms/{id}/ideas", Access.SIGNED_IN, this::addIdea);
    r.post("/brainstorms/{id}/ideas/{ideaId}/withdraw", Access.SIGNED_IN, this::withdraw);
    r.post("/brainstorms/{id}/votes", Access.SIGNED_IN, this::vote);
  }

  /** The start form, with the idea phase ending tomorrow at this hour and voting a day later, in the starter's zone. */
  private void newForm(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    long thread = Requests.pathId(ctx, "id", "thread");
    LocalDateTime ideas = LocalDateTime.now(clock.withZone(v.zone())).truncatedTo(ChronoUnit.HOURS).plusDays(1);
    Map<String, String> form = Map.of("prompt", "", "ideasUntil", LOCAL.format(ideas), "votesUntil", LOCAL.format(ideas.plusDays(1)),
        "dots", String.valueOf(BrainstormService.DEFAULT_DOTS));
    form(ctx, v, thread, form, null);
  }

  private void start(Context ctx) {
    Viewer v = Requests.viewer(ctx);
    long thread = Requests.pathId(ctx, "id", "thread");
    Input in = Input.ofForm(ctx);
    Map<String, String> form = new HashMap<>();
    for (String f : new String[] {"prompt", "ideasUntil", "votesUntil", "dots"}) form.put(f, orEmpty(ctx.formParam(f)));
    try {
      Brainstorm.Start s = new Brainstorm.Start(in.text("prompt", BrainstormService.PROMPT_MAX), local(ctx, "ideasUntil", v.zone()),
          local(ctx, "votesUntil", v.zone()), BrainstormApi.dots(in));
      Brainstorm.View started = brainstorms.start(v.accountId(), thread, s);
      Pages.seeOther(ctx, started.brainstorm().path() + "?notice=Brainstorm+started%3A+ideas+are+anonymous.");
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      ctx.status(400);
      form(ctx, v, thread, form, p);
    }
  }

  private void form(Context ctx, Viewer v, long thread, Map<String, String> form, Problem error) {
    Map<String, Object> model = new HashMap<>();
    model.put("origin", brainstorms.origin(v.accountId(), thread));
    model.put("form", form);
    model.put("zone", v.zone().getId());
    if (error != null) {
      model.put("error", error.detail());
      model.put("errorField", error.field().orElse(""));
    }
    pages.render(ctx, "brainstorm/new.jte", model);
  }

  private void show(Context ctx) {
    page(ctx, Requests.pathId(ctx, "id", "brainstorm"), null, "");
  }

  private void addIdea(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "brainstorm");
    String raw = orEmpty(ctx.formParam("text"));
    try {
      brainstorms.addIdea(me, id, Input.ofForm(ctx).text("text", BrainstormService.IDEA_MAX));
      Pages.seeOther(ctx, "/brainstorms/" + id + "?notice=Idea+added%3A+only+you+know+it+is+yours.#ideas");
    } catch (Problem p) {
      refused(ctx, id, p, raw);
    }
  }

  private void withdraw(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "brainstorm");
    try {
      brainstorms.withdrawIdea(me, id, Requests.pathId(ctx, "ideaId", "idea"));
      Pages.seeOther(ctx, "/brainstorms/" + id + "?notice=Idea+withdrawn.#ideas");
    } catch (Problem p) {
      refused(ctx, id, p, "");
    }
  }

  private void vote(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "brainstorm");
    try {
      long idea = BrainstormApi.ideaId(orEmpty(ctx.formParam("ideaId")));
      brainstorms.vote(me, id, idea);
      Pages.seeOther(ctx, "/brainstorms/" + id + "?notice=Dot+placed.#idea-" + idea);
    } catch (Problem p) {
      refused(ctx, id, p, "");
    }
  }

  /** Bad input or a phase that has moved on: the page again, with the reason. Anything else is the error page. */
  private void refused(Context ctx, long id, Problem p, String draft) {
    if (p.status() != 400 && p.status() != 409) throw p;
    ctx.status(p.status());
    page(ctx, id, p, draft);
  }

  private void page(Context ctx, long id, Problem error, String draft) {
    Brainstorm.View view = brainstorms.brainstorm(Requests.viewer(ctx).accountId(), id);
    Map<String, Object> model = new HashMap<>();
    model.put("view", view);
    model.put("draft", draft);
    if (error != null) {
      model.put("error", error.detail());
      model.put("errorField", error.field().orElse(""));
    }
    pages.render(ctx, "brainstorm/brainstorm.jte", model);
  }

  /** A form's local date and time, read in the writer's zone. */
  private static long local(Context ctx, String field, ZoneId zone) {
    try {
      return LocalDateTime.parse(orEmpty(ctx.formParam(field))).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw Problem.invalid(field, "Choose a date and a time for '" + field + "'.");
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
