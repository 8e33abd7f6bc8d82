package dev.longhand;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.account.AccountApi;
import dev.longhand.account.AccountPages;
import dev.longhand.account.AccountService;
import dev.longhand.ask.AskApi;
import dev.longhand.ask.AskPages;
import dev.longhand.ask.AskService;
import dev.longhand.calendar.CalendarApi;
import dev.longhand.calendar.CalendarService;
import dev.longhand.calendar.TeamTime;
import dev.longhand.calendar.TimePages;
import dev.longhand.config.Config;
import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.http.WebServer;
import dev.longhand.inbox.InboxApi;
import dev.longhand.inbox.InboxPages;
import dev.longhand.inbox.InboxService;
import dev.longhand.markdown.Markdown;
import dev.longhand.search.SearchApi;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.search.SearchPages;
import dev.longhand.search.SearchService;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.OutboxDispatcher;
import dev.longhand.thread.SpacePages;
import dev.longhand.thread.ThreadApi;
import dev.longhand.thread.ThreadLive;
import dev.longhand.thread.ThreadPages;
import dev.longhand.thread.ThreadService;
import dev.longhand.workspace.WorkspaceApi;
import dev.longhand.workspace.WorkspacePages;
import dev.longhand.workspace.WorkspaceService;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where Longhand is wired: every component built with plain constructors, in
 * dependency order. {@link #start} is what {@code longhand serve} and the tests both run.
 */
public final class Longhand implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Longhand.class);

  private final Config config;
  private final Database db;
  private final OutboxDispatcher dispatcher;
  private final WebServer web;
  private final SearchIndex searchIndex;

  private Longhand(Config config, Database db, OutboxDispatcher dispatcher, WebServer web, SearchIndex searchIndex) {
    this.config = config;
    this.db = db;
    this.dispatcher = dispatcher;
    this.web = web;
    this.searchIndex = searchIndex;
  }

  public static Longhand start(Config config, Clock clock) {
    ObjectMapper json = new ObjectMapper();
    Database db = Database.open(config.jdbcUrl());
    try {
      return wire(config, clock, json, db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static Longhand wire(Config config, Clock clock, ObjectMapper json, Database db) {
    db.migrate();
    Ids ids = new Ids(clock, 0);
    Outbox outbox = new Outbox(ids, clock, json);
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    Pages pages = new Pages();

    AccountService accounts = new AccountService(db, ids, clock);
    WorkspaceService workspaces = new WorkspaceService(db, ids, clock, outbox);
    // People's time: calendars, overlap, feeds
    CalendarService calendars = new CalendarService(db, ids, clock, workspaces);
    TeamTime teamTime = new TeamTime(calendars, workspaces);
    CalendarApi calendarApi = new CalendarApi(calendars, teamTime, json, config::baseUrlFor);
    // Threads, inbox and live updates
    InboxService inbox = new InboxService(db, outbox, workspaces);
    // Asks are made by posts: the thread write path calls them in its transaction. With due work and notifications,
    // dispatcher.register(new AskNudges(db, outbox, due, notifications, calendars)) adds their notices and nudges.
    AskService asks = new AskService(db, ids, clock, outbox, workspaces, calendars);
    ThreadService threads = new ThreadService(db, ids, clock, outbox, workspaces, inbox, new Markdown(), asks);
    ThreadLive threadLive = new ThreadLive(threads, json);
    dispatcher.registerLive(threadLive);

    // Search: the index is rebuilt from the tables when missing, then kept current from the outbox.
    SearchIndex searchIndex = SearchIndex.openIn(config.dataDir());
    if (!searchIndex.isComplete()) SearchIndexer.rebuild(db, searchIndex);
    dispatcher.register(new SearchIndexer(db, outbox, searchIndex));
    SearchService search = new SearchService(db, searchIndex, workspaces);

    List<Router.Routes> features = List.of(
        Longhand::operationalRoutes,
        new AccountApi(accounts, json),
        new AccountPages(accounts, pages, config.secureCookies()),
        new WorkspaceApi(workspaces, json),
        new WorkspacePages(workspaces, pages, config.baseUrl(), calendars),
        calendarApi,
        new TimePages(calendars, teamTime, accounts, workspaces, pages, calendarApi),
        new ThreadApi(threads, json),
        new SpacePages(threads, pages, json, calendars),
        new ThreadPages(threads, pages, json, calendars),
        threadLive,
        new InboxApi(inbox),
        new InboxPages(inbox, pages),
        new AskApi(asks),
        new AskPages(asks, pages),
        new SearchApi(search),
        new SearchPages(search, workspaces, pages));
    WebServer web = new WebServer(config.host(), config.port(), config.secureCookies(), config.trustProxy(), json, accounts, pages, features);

    dispatcher.start();
    web.start();
    log.info("Longhand is serving at http://{}:{} ({} database)", config.host(), web.port(), db.dialect().name().toLowerCase());
    return new Longhand(config, db, dispatcher, web, searchIndex);
  }

  private static void operationalRoutes(Router r) {
    r.get("/health", Access.ANYONE, ctx -> ctx.json(java.util.Map.of("status", "ok")));
    r.get("/api/v1/openapi.json", Access.ANYONE, ctx -> {
      try (InputStream in = Longhand.class.getResourceAsStream("/openapi.json")) {
        ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    });
  }

  public int port() {
    return web.port();
  }

  public String baseUrl() {
    return config.baseUrlFor(web.port());
  }

  public Database database() {
    return db;
  }

  public OutboxDispatcher dispatcher() {
    return dispatcher;
  }

  public List<dev.longhand.http.RouteSpec> routes() {
    return web.routes();
  }

  @Override
  public void close() {
    web.stop();
    dispatcher.close();
    searchIndex.close();
    db.close();
  }
}
