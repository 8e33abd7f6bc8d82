package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The space page (its threads, people, a form to start a thread) and starting a thread from it. */
public final class SpacePages implements Router.Routes {
  private final ThreadService threads;
  private final Pages pages;
  private final ObjectMapper json;
  private final dev.longhand.calendar.CalendarService calendars;

  public SpacePages(ThreadService threads, Pages pages, ObjectMapper json, dev.longhand.calendar.CalendarService calendars) {
    this.threads = threads;
    this.pages = pages;
    this.json = json;
    this.calendars = calendars;
  }

  @Override
  public void register(Router r) {
    r.get("/spaces/{id}", Access.SIGNED_IN, this::show);
    r.post("/spaces/{id}/threads", Access.SIGNED_IN, this::start);
  }

  private void show(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    long me = Requests.viewer(ctx).accountId();
    Thread.SpaceOverview overview = threads.spaceOverview(me, space, Optional.ofNullable(ctx.queryParam("before")));
    var readers = calendars.spacePeople(me, space);
    pages.render(ctx, "thread/space.jte", Map.of("overview", overview, "times", times(readers), "viewerId", me,
        "askable", readers, "subscription", threads.subscriptions().ofSpace(me, space)));
  }

  private void start(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    long me = Requests.viewer(ctx).accountId();
    try {
      Input in = Input.of(ctx, json);
      Thread t = threads.startThread(me, space, in.text("title", ThreadApi.TITLE_MAX), in.body("body", ThreadApi.BODY_MAX),
          ThreadPages.askFromForm(ctx));
      Pages.seeOther(ctx, "/threads/" + t.id());
    } catch (Problem p) {
      refused(ctx, space, p);
    }
  }

  /**
   * A refused new thread (or "Send later" from its composer): the space page again, 400, with the error beside the
   * field it names and the title, text and ask kept. Anything but bad input is answered as it is.
   */
  void refused(Context ctx, long space, Problem p) {
    if (p.status() != 400) throw p;
    long me = Requests.viewer(ctx).accountId();
    Map<String, Object> model = new HashMap<>();
    model.put("overview", threads.spaceOverview(me, space, Optional.empty()));
    model.put("error", p.detail());
    model.put("errorField", p.field().orElse("body"));
    model.put("draftTitle", Optional.ofNullable(ctx.formParam("title")).orElse(""));
    model.put("draftBody", Optional.ofNullable(ctx.formParam("body")).orElse(""));
    model.put("draftSendAt", Optional.ofNullable(ctx.formParam("sendAt")).orElse(""));
    model.put("viewerId", me);
    var readers = calendars.spacePeople(me, space);
    model.put("askable", readers);
    model.put("times", times(readers));
    model.put("subscription", threads.subscriptions().ofSpace(me, space));
    model.put("draftAssignee", Optional.ofNullable(ctx.formParam("askAssignee")).orElse(""));
    model.put("draftWithin", Optional.ofNullable(ctx.formParam("askWithin")).orElse("P1D"));
    ctx.status(400);
    pages.render(ctx, "thread/space.jte", model);
  }

  /** The local times of the space's members, who are among the people who may read it. */
  private static java.util.Map<Long, dev.longhand.time.PersonTime> times(java.util.List<dev.longhand.calendar.CalendarService.Person> readers) {
    return readers.stream().collect(java.util.stream.Collectors.toMap(dev.longhand.calendar.CalendarService.Person::id,
        dev.longhand.calendar.CalendarService.Person::time, (a, b) -> a));
  }
}
