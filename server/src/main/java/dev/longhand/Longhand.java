package dev.longhand;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.account.AccountApi;
import dev.longhand.account.AccountPages;
import dev.longhand.account.AccountService;
import dev.longhand.ask.AskApi;
import dev.longhand.ask.AskPages;
import dev.longhand.ask.AskNudges;
import dev.longhand.ask.AskService;
import dev.longhand.ask.AsksDigest;
import dev.longhand.calendar.CalendarApi;
import dev.longhand.calendar.CalendarService;
import dev.longhand.calendar.TeamTime;
import dev.longhand.calendar.TimePages;
import dev.longhand.config.Config;
import dev.longhand.decision.DecisionApi;
import dev.longhand.decision.DecisionPages;
import dev.longhand.decision.DecisionSearch;
import dev.longhand.decision.DecisionService;
import dev.longhand.decision.ThreadResolutions;
import dev.longhand.document.DocumentApi;
import dev.longhand.document.DocumentNotices;
import dev.longhand.document.DocumentPages;
import dev.longhand.document.DocumentSearch;
import dev.longhand.document.DocumentService;
import dev.longhand.due.DueWork;
import dev.longhand.notify.DigestMail;
import dev.longhand.notify.Digests;
import dev.longhand.notify.NotificationApi;
import dev.longhand.notify.NotificationLive;
import dev.longhand.notify.NotificationPages;
import dev.longhand.notify.NotificationProducer;
import dev.longhand.notify.NotificationService;
import dev.longhand.notify.Policies;
import dev.longhand.thread.ScheduledPostRoutes;
import dev.longhand.thread.ScheduledPosts;
import dev.longhand.thread.ThreadDigests;
import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.http.WebServer;
import dev.longhand.inbox.InboxApi;
import dev.longhand.inbox.InboxPages;
import dev.longhand.inbox.InboxService;
import dev.longhand.inbox.ReminderRoutes;
import dev.longhand.inbox.Reminders;
import dev.longhand.mail.DisabledMailer;
import dev.longhand.mail.Mailer;
import dev.longhand.mail.SmtpMailer;
import dev.longhand.markdown.Markdown;
import dev.longhand.recording.RecordingApi;
import dev.longhand.recording.RecordingFiles;
import dev.longhand.recording.RecordingNotices;
import dev.longhand.recording.RecordingPages;
import dev.longhand.recording.RecordingSearch;
import dev.longhand.recording.RecordingService;
import dev.longhand.search.SearchApi;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.search.SearchPages;
import dev.longhand.search.SearchService;
import dev.longhand.search.SearchSource;
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
import java.util.ArrayList;
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
  private final DueWork dueWork;
  private final Mailer mailer;
  private final ThreadLive threadLive;

  private Longhand(Config config, Database db, OutboxDispatcher dispatcher, WebServer web, SearchIndex searchIndex,
      DueWork dueWork, Mailer mailer, ThreadLive threadLive) {
    this.config = config;
    this.db = db;
    this.dispatcher = dispatcher;
    this.web = web;
    this.searchIndex = searchIndex;
    this.dueWork = dueWork;
    this.mailer = mailer;
    this.threadLive = threadLive;
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
    // Due work: features register their handlers below; it starts with the dispatcher.
    DueWork dueWork = new DueWork(db, ids, clock);
    Mailer mailer = config.smtpUrl() == null
        ? new DisabledMailer()
        : new SmtpMailer(dueWork, config.smtpUrl(), config.mailFromAddress(), clock, json);

    AccountService accounts = new AccountService(db, ids, clock);
    WorkspaceService workspaces = new WorkspaceService(db, ids, clock, outbox);
    // People's time: calendars, overlap, feeds
    CalendarService calendars = new CalendarService(db, ids, clock, workspaces);
    TeamTime teamTime = new TeamTime(calendars, workspaces);
    CalendarApi calendarApi = new CalendarApi(calendars, teamTime, json, config::baseUrlFor);
    // Due work, mail, notifications and digests
    Reminders reminders = new Reminders(db, ids, clock, dueWork, outbox, workspaces);
    Policies policies = new Policies(calendars);
    String[] publicAddress = {config.baseUrl()};
    NotificationService notifications = new NotificationService(db, ids, clock, outbox, dueWork, policies, workspaces,
        mailer, () -> publicAddress[0]);
    Digests digests = new Digests(db, ids, clock, dueWork, policies, notifications, mailer,
        List.of(new AsksDigest(calendars), ThreadDigests.newThreads(), ThreadDigests.repliesToFollowedThreads()),
        new DigestMail(() -> publicAddress[0]));
    // Comments on documents and recordings tell people too; each feature says whom.
    dispatcher.register(new NotificationProducer(db, json, notifications, digests,
        List.of(new DocumentNotices(workspaces, new Markdown()), new RecordingNotices(workspaces, new Markdown()))));
    NotificationLive notificationLive = new NotificationLive(notifications, json);
    dispatcher.registerLive(notificationLive);
    // Threads, inbox and live updates
    InboxService inbox = new InboxService(db, outbox, workspaces);
    // Asks are made by posts, in the post's transaction; their notice and nudges follow after commit.
    dispatcher.register(new AskNudges(db, outbox, dueWork, notifications, calendars));
    AskService asks = new AskService(db, ids, clock, outbox, workspaces, calendars);
    ThreadService threads = new ThreadService(db, ids, clock, outbox, workspaces, inbox, new Markdown(), asks);
    ScheduledPosts scheduledPosts = new ScheduledPosts(db, ids, clock, dueWork, workspaces, threads);
    ThreadLive threadLive = new ThreadLive(threads, json);
    dispatcher.registerLive(threadLive);
    // Decisions, and resolving threads into them (the thread pages and API show the outcome)
    DecisionService decisions = new DecisionService(db, ids, clock, outbox, workspaces, dueWork, notifications);
    ThreadResolutions resolutions = new ThreadResolutions(db, clock, outbox, workspaces, decisions);

    // Documents: revisions, diffs, merges and comments
    DocumentService documents = new DocumentService(db, ids, clock, outbox, workspaces, new Markdown());

    // Recordings: files under <data-dir>/recordings, rows and events like everything else.
    RecordingService recordings = new RecordingService(db, ids, clock, outbox, workspaces,
        new RecordingFiles(config.dataDir(), config.maxUpload()));

    // Search: the index is rebuilt from the tables when missing, then kept current from the outbox.
    SearchIndex searchIndex = SearchIndex.openIn(config.dataDir());
    if (!searchIndex.isComplete()) SearchIndexer.rebuild(db, searchIndex, searchSources());
    dispatcher.register(new SearchIndexer(db, outbox, searchIndex, searchSources()));
    SearchService search = new SearchService(db, searchIndex, workspaces);

    List<Router.Routes> features = List.of(
        Longhand::operationalRoutes,
        new AccountApi(accounts, json),
        new AccountPages(accounts, pages, config.secureCookies()),
        new WorkspaceApi(workspaces, json),
        new WorkspacePages(workspaces, pages, config.baseUrl(), calendars),
        calendarApi,
        new TimePages(calendars, teamTime, accounts, workspaces, pages, calendarApi),
        new ThreadApi(threads, json, reader -> calendars.pageTimes(reader, List.of())::localize, resolutions),
        new SpacePages(threads, pages, json, calendars),
        new ThreadPages(threads, pages, json, calendars, reminders, resolutions),
        new ReminderRoutes(reminders, calendars, json),
        new ScheduledPostRoutes(scheduledPosts, pages, json),
        threadLive,
        new InboxApi(inbox),
        new InboxPages(inbox, pages),
        new AskApi(asks),
        new AskPages(asks, pages),
        new DecisionApi(decisions, resolutions, json),
        new DecisionPages(decisions, resolutions, pages),
        new DocumentApi(documents, json, reader -> calendars.pageTimes(reader, List.of())::localize),
        new DocumentPages(documents, pages, reader -> calendars.pageTimes(reader, List.of())::localize),
        new RecordingApi(recordings, json),
        new RecordingPages(recordings, pages),
        new SearchApi(search),
        new SearchPages(search, workspaces, pages),
        new NotificationApi(notifications, digests, json),
        new NotificationPages(notifications, digests, workspaces, pages),
        notificationLive);
    WebServer web = new WebServer(config.host(), config.port(), config.secureCookies(), config.trustProxy(), json, accounts, pages, features);

    dispatcher.start();
    dueWork.start();
    web.start();
    publicAddress[0] = config.baseUrlFor(web.port());
    digests.scheduleMissing();
    log.info("Longhand is serving at http://{}:{} ({} database)", config.host(), web.port(), db.dialect().name().toLowerCase());
    log.info(mailer.enabled() ? "Email goes through {} from {}" : "Email is off (set LONGHAND_SMTP_URL to send it)",
        config.smtpUrl(), config.mailFromAddress());
    return new Longhand(config, db, dispatcher, web, searchIndex, dueWork, mailer, threadLive);
  }

  /** Everything search covers, one source per searchable kind; {@code longhand reindex} uses the same list. */
  public static List<SearchSource> searchSources() {
    List<SearchSource> sources = new ArrayList<>(SearchIndexer.postSources());
    sources.add(new DecisionSearch());
    sources.add(new DocumentSearch());
    sources.add(DocumentSearch.COMMENTS);
    sources.add(new RecordingSearch());
    return List.copyOf(sources);
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

  /** Where this server keeps its database (SQLite), search index and recordings. */
  public java.nio.file.Path dataDir() {
    return config.dataDir();
  }

  public Database database() {
    return db;
  }

  public OutboxDispatcher dispatcher() {
    return dispatcher;
  }

  /** Work that falls due at an instant; tests call {@code runDue()} after moving their clock. */
  public DueWork dueWork() {
    return dueWork;
  }

  public Mailer mailer() {
    return mailer;
  }

  /** Live updates of thread pages: how many streams are open (for metrics and tests). */
  public ThreadLive threadLive() {
    return threadLive;
  }

  public List<dev.longhand.http.RouteSpec> routes() {
    return web.routes();
  }

  @Override
  public void close() {
    web.stop();
    dueWork.close();
    dispatcher.close();
    searchIndex.close();
    db.close();
  }
}
