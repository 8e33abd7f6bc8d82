package dev.longhand.thread;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.calendar.CalendarService;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.inbox.Reminders;
import dev.longhand.notify.DigestSource;
import dev.longhand.notify.NoticeSource;
import dev.longhand.search.SearchSource;
import dev.longhand.store.OutboxConsumer;
import java.util.List;
import java.util.Map;

/** Threads and replies: their API and pages, scheduled posts, live updates, notices, search and digest sections. */
public final class ThreadFeature implements Feature {
  private final ScheduledPosts scheduled;
  private final ThreadLive live;
  private final List<Router.Routes> routes;
  private final PostRendering rendering;

  public ThreadFeature(ThreadService threads, ScheduledPosts scheduled, Resolutions resolutions, Reminders reminders,
                       CalendarService calendars, Pages pages, ObjectMapper json, List<ThreadPanel> panels) {
    this.scheduled = scheduled;
    this.live = new ThreadLive(threads, json);
    this.rendering = threads.rendering();
    SpacePages spacePages = new SpacePages(threads, pages, json, calendars);
    // the other features' sections, then slow mode's note above the composer (its own section)
    List<ThreadPanel> all = new java.util.ArrayList<>(panels);
    all.add(new SlowModePanel(threads.slowMode()));
    ThreadPages threadPages = new ThreadPages(threads, pages, json, calendars, reminders, resolutions, all);
    this.routes = List.of(
        new ThreadApi(threads, json, reader -> calendars.pageTimes(reader, List.of())::localize, resolutions),
        new PostApi(threads, json, reader -> calendars.pageTimes(reader, List.of())::localize, resolutions),
        new PostPages(threads.edits(), pages, json, threadPages),
        spacePages,
        threadPages,
        new ScheduledPostRoutes(scheduled, pages, json, threadPages, spacePages),
        new SubscriptionRoutes(threads.subscriptions(), json),
        new SlowModeRoutes(threads, pages, json),
        live);
  }

  @Override
  public void routes(Router r) {
    routes.forEach(x -> x.register(r));
  }

  /** The live updates of thread pages (tests watch its streams). */
  public ThreadLive live() {
    return live;
  }

  /** How many live streams of thread pages are open (a metric). */
  public int openStreams() {
    return live.openStreams();
  }

  @Override
  public List<OutboxConsumer> liveConsumers() {
    return List.of(live);
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    Map<String, DueWork.Handler> all = new java.util.HashMap<>(scheduled.dueWork());
    all.putAll(rendering.dueWork());
    return all;
  }

  @Override
  public List<SearchSource> searchSources() {
    return ThreadSearch.ALL;
  }

  @Override
  public List<NoticeSource> notices() {
    return List.of(new ThreadNotices());
  }

  @Override
  public List<DigestSource> digests() {
    return List.of(ThreadDigests.repliesToFollowedThreads(), ThreadDigests.newThreads());
  }
}
