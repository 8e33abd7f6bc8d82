package dev.longhand;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.account.AccountApi;
import dev.longhand.account.AccountPages;
import dev.longhand.account.AccountRecovery;
import dev.longhand.account.AccountService;
import dev.longhand.account.WorkingTimeChanges;
import dev.longhand.ask.AskFeature;
import dev.longhand.ask.AskNudges;
import dev.longhand.ask.AskService;
import dev.longhand.brainstorm.BrainstormFeature;
import dev.longhand.brainstorm.BrainstormPanel;
import dev.longhand.brainstorm.BrainstormService;
import dev.longhand.calendar.CalendarApi;
import dev.longhand.calendar.CalendarService;
import dev.longhand.calendar.TeamTime;
import dev.longhand.calendar.TimePages;
import dev.longhand.config.Config;
import dev.longhand.config.SignIn;
import dev.longhand.decision.DecisionFeature;
import dev.longhand.decision.DecisionService;
import dev.longhand.decision.ThreadResolutions;
import dev.longhand.document.DocumentFeature;
import dev.longhand.draft.DraftFeature;
import dev.longhand.draft.DraftService;
import dev.longhand.document.DocumentService;
import dev.longhand.due.DueWork;
import dev.longhand.export.ExportFeature;
import dev.longhand.export.ExportService;
import dev.longhand.feature.Feature;
import dev.longhand.file.FileFeature;
import dev.longhand.file.Storage;
import dev.longhand.http.Access;
import dev.longhand.http.Json;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.http.WebServer;
import dev.longhand.inbox.InboxFeature;
import dev.longhand.inbox.InboxService;
import dev.longhand.inbox.Reminders;
import dev.longhand.mail.DisabledMailer;
import dev.longhand.mail.Mailer;
import dev.longhand.mail.SmtpMailer;
import dev.longhand.mailin.MailIn;
import dev.longhand.markdown.Markdown;
import dev.longhand.notify.DeletedPostNotices;
import dev.longhand.notify.DigestMail;
import dev.longhand.notify.Digests;
import dev.longhand.notify.NotificationApi;
import dev.longhand.notify.NotificationLive;
import dev.longhand.notify.NotificationPages;
import dev.longhand.notify.NotificationProducer;
import dev.longhand.notify.NotificationService;
import dev.longhand.notify.Policies;
import dev.longhand.notify.ThreadReadNotices;
import dev.longhand.recording.RecordingFeature;
import dev.longhand.ops.HeapAfterStart;
import dev.longhand.ops.OpsHooks;
import dev.longhand.ops.OpsRoutes;
import dev.longhand.ops.Readiness;
import dev.longhand.ops.ServerMetrics;
import dev.longhand.recording.RecordingFiles;
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
import dev.longhand.sso.SsoFeature;
import dev.longhand.sync.SyncCloseFeature;
import dev.longhand.sync.SyncClosing;
import dev.longhand.sync.SyncNotes;
import dev.longhand.thread.ScheduledPosts;
import dev.longhand.signal.SignalFeature;
import dev.longhand.signal.SignalService;
import dev.longhand.thread.ThreadFeature;
import dev.longhand.thread.ThreadLive;
import dev.longhand.thread.ThreadSearch;
import dev.longhand.store.NodeLease;
import dev.longhand.store.OutboxPruner;
import dev.longhand.sync.SyncFeature;
import dev.longhand.sync.SyncFeed;
import dev.longhand.sync.SyncPanel;
import dev.longhand.sync.SyncScheduling;
import dev.longhand.sync.SyncSessionService;
import dev.longhand.thread.ThreadService;
import dev.longhand.webhook.WebhookFeature;
import dev.longhand.workspace.WorkspaceApi;
import dev.longhand.workspace.WorkspacePages;
import dev.longhand.workspace.WorkspaceService;
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
  private final ServerMetrics metrics;
  private final OutboxPruner outboxPruner;
  private final ThreadLive threadLive;
  private final MailIn mailIn;
  private final WebhookFeature webhooks;
  private final ExportService exports;

  private Longhand(Config config, Database db, OutboxDispatcher dispatcher, WebServer web, SearchIndex searchIndex,
      DueWork dueWork, Mailer mailer, ServerMetrics metrics, OutboxPruner outboxPruner, ThreadLive threadLive, MailIn mailIn,
      WebhookFeature webhooks, ExportService exports) {
    this.config = config;
    this.db = db;
    this.dispatcher = dispatcher;
    this.web = web;
    this.searchIndex = searchIndex;
    this.dueWork = dueWork;
    this.mailer = mailer;
    this.metrics = metrics;
    this.outboxPruner = outboxPruner;
    this.threadLive = threadLive;
    this.mailIn = mailIn;
    this.webhooks = webhooks;
    this.exports = exports;
  }

  public static Longhand start(Config config, Clock clock) {
    if (dev.longhand.backup.Restore.unfinishedIn(config.dataDir())) throw new IllegalStateException("a restore into " + config.dataDir() + " did not finish: run it again before serving");
    ObjectMapper json = Json.mapper();
    Database db = Database.open(config.jdbcUrl());
    try {
      Storage storage = Storage.open(config); // the bucket is checked now: a wrong one fails the start, not an upload
      db.closeWith(storage);
      return wire(config, clock, json, db, storage);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static Longhand wire(Config config, Clock clock, ObjectMapper json, Database db, Storage storage) {
    db.migrate();
    NodeLease lease = NodeLease.take(db, clock); // given back when the database closes (Database.closeWith)
    db.closeWith(lease);
    Ids ids = lease.ids();
    Outbox outbox = new Outbox(ids, clock, json);
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    Pages pages = new Pages(clock);
    // Due work: each feature declares its handlers and they are registered below; it starts with the dispatcher.
    DueWork dueWork = new DueWork(db, ids, clock);
    Mailer mailer = config.smtpUrl() == null
        ? new DisabledMailer()
        : new SmtpMailer(dueWork, config.smtpUrl(), config.mailFromAddress(), clock, json);
    if (mailer instanceof SmtpMailer smtp) dueWork.registerExternal(smtp.externalDueWork());

    // A change of someone's hours, away days or holidays re-plans their held notifications and digest (due work).
    WorkingTimeChanges workingTimeChanges = WorkingTimeChanges.asDueWork(dueWork, clock);
    AccountService accounts = new AccountService(db, ids, clock, config.passwordCost(), workingTimeChanges, config.signIn().passwords());
    WorkspaceService workspaces = new WorkspaceService(db, ids, clock, outbox);
    // People's time: calendars, overlap, feeds
    String[] publicAddress = {config.baseUrl()};
    CalendarService calendars = new CalendarService(db, ids, clock, workspaces, workingTimeChanges,
        new SyncFeed(db, () -> publicAddress[0])); // sync sessions in each participant's feed
    TeamTime teamTime = new TeamTime(calendars, workspaces);
    CalendarApi calendarApi = new CalendarApi(calendars, teamTime, json, config::baseUrlFor);
    // Notifications (the producer, digests and live badge are built below, from what the features hand them)
    Reminders reminders = new Reminders(db, ids, clock, dueWork, outbox, workspaces);
    Policies policies = new Policies(calendars);
    // Reply by email: notification and digest mail carry signed reply addresses; replies come in by SMTP or IMAP
    MailIn mailIn = MailIn.prepare(db, clock, config.replyMail(), config.mailFromAddress());
    NotificationService notifications = new NotificationService(db, ids, clock, outbox, dueWork, policies, workspaces,
        mailer, () -> publicAddress[0], mailIn.addresses());
    dueWork.register(notifications.dueWork());
    // Forgot password and email changes: links by mail (the reset mail itself is due work, made after the answer)
    AccountRecovery recovery = new AccountRecovery(db, clock, accounts, mailer, dueWork, () -> publicAddress[0]);
    dueWork.register(recovery.dueWork());
    // Threads and the inbox; asks are made by posts (a post hook), their notice and nudges follow after commit.
    InboxService inbox = new InboxService(db, outbox, workspaces);
    AskNudges nudges = new AskNudges(db, dueWork, notifications, calendars);
    AskService asks = new AskService(db, ids, clock, outbox, workspaces, calendars, notifications);
    ThreadService threads = new ThreadService(db, ids, clock, outbox, workspaces, inbox, new Markdown(), List.of(asks));
    ScheduledPosts scheduledPosts = new ScheduledPosts(db, ids, clock, dueWork, workspaces, threads);
    // Decisions, and resolving threads into them (the thread pages and API show the outcome)
    DecisionService decisions = new DecisionService(db, ids, clock, outbox, workspaces, dueWork, notifications);
    ThreadResolutions resolutions = new ThreadResolutions(db, clock, outbox, workspaces, decisions);
    // Documents: revisions, diffs, merges and comments
    DocumentService documents = new DocumentService(db, ids, clock, outbox, workspaces, new Markdown());
    // Recordings: their bytes in the storage (<data-dir>/recordings or the bucket), rows and events like everything else.
    RecordingService recordings = new RecordingService(db, ids, clock, outbox, workspaces,
        new RecordingFiles(storage.incoming(Storage.RECORDINGS), storage.recordings(), config.maxUpload()));

    // Escalation signals: computed from threads' events by the `signals` consumer, shown as a suggestion on the thread
    SignalFeature signalFeature = new SignalFeature(db, new SignalService(db, clock, threads, calendars, dueWork, json), json);
    // Sync sessions: proposed from threads, placed fairly in time, invited by mail, reminded as due work
    SyncSessionService syncSessions = new SyncSessionService(db, ids, clock, workspaces);
    SyncScheduling syncScheduling = new SyncScheduling(syncSessions, calendars, mailer, dueWork, notifications, () -> publicAddress[0]);
    // Brainstorms on threads: anonymous ideas, dot-voting, the result filed as a reply (phases as due work)
    BrainstormService brainstorms = new BrainstormService(db, ids, clock, outbox, workspaces, threads, dueWork);
    // Sync sessions' live notes and closing them with their outcomes, written back to the thread (issue 15, item 3)
    SyncNotes syncNotes = new SyncNotes(db, clock, outbox, syncSessions);
    SyncCloseFeature syncClose = new SyncCloseFeature(syncNotes,
        new SyncClosing(db, clock, outbox, workspaces, syncNotes, threads, decisions, asks), pages, json);

    ThreadFeature threadFeature = new ThreadFeature(threads, scheduledPosts, resolutions, reminders, calendars, pages, json,
        List.of(signalFeature.panel(), new SyncPanel(syncSessions), new BrainstormPanel(brainstorms))); // sections other features show on a thread's page (ThreadPanel), in page order
    // Workspace exports: run once per cluster by whichever node claims them, archives kept in the storage
    ExportService exports = new ExportService(db, ids, clock, workspaces, json, storage, config.baseUrl(), lease.holder());

    // Outgoing webhooks: deliveries made after commit by an outbox consumer, sent by a sender of their own
    WebhookFeature webhooks = new WebhookFeature(db, ids, clock, workspaces, config.webhookAllow(), pages, json);
    // The features, one line each: routes, consumers, due work, and their search, notice and digest sources.
    List<Feature> features = List.of(
        Feature.routes(new AccountApi(accounts, recovery, json), new AccountPages(accounts, recovery, pages, config.secureCookies(), calendars,
            WorkspacePages.joinInvitationOnSignUp(workspaces), config.signIn().oidc().map(SignIn.Oidc::name).orElse(null))),
        SsoFeature.of(config.signIn(), db, clock, accounts, WorkspacePages.joinInvitationOnSignUp(workspaces), pages, config.secureCookies(), () -> publicAddress[0]),
        Feature.routes(new WorkspaceApi(workspaces, json), new WorkspacePages(workspaces, pages, config.baseUrl(), calendars)),
        Feature.routes(calendarApi, new TimePages(calendars, teamTime, accounts, workspaces, pages, calendarApi)),
        threadFeature,
        new InboxFeature(inbox, reminders, calendars, pages, json),
        new AskFeature(asks, nudges, calendars, pages, json),
        new DecisionFeature(decisions, resolutions, pages, json),
        new DocumentFeature(documents, workspaces, pages, json, reader -> calendars.pageTimes(reader, List.of())::localize),
        new RecordingFeature(recordings, workspaces, pages, json),
        new FileFeature(db, ids, clock, outbox, workspaces, storage, config.maxFile()),
        new DraftFeature(new DraftService(db, clock, workspaces), json),
        new SyncFeature(syncSessions, syncScheduling, pages, json, syncClose::section),
        syncClose,
        new BrainstormFeature(brainstorms, workspaces, pages, json, clock),
        signalFeature,
        new ExportFeature(exports, pages),
        webhooks);

    // What the features hand to notifications and digests
    Digests digests = new Digests(db, ids, clock, dueWork, policies, notifications, mailer,
        each(features, Feature::digests), new DigestMail(() -> publicAddress[0], mailIn.addresses()));
    dueWork.register(digests.dueWork());
    dispatcher.register(new NotificationProducer(db, notifications, digests, each(features, Feature::notices)));
    notifications.settleWith(each(features, Feature::notices)); // held notices settled meanwhile are dropped
    dispatcher.register(new DeletedPostNotices(db));
    NotificationLive notificationLive = new NotificationLive(notifications, json);
    dispatcher.registerLive(notificationLive);
    dispatcher.register(new ThreadReadNotices(notifications));

    // Search: the index is rebuilt from the tables when missing, then kept current from the outbox.
    List<SearchSource> searchSources = each(features, Feature::searchSources);
    if (!searchSources.equals(searchSources())) throw new IllegalStateException("Longhand.searchSources() must list the features' search sources");
    SearchIndex searchIndex = SearchIndex.openIn(config.dataDir());
    if (!searchIndex.isComplete()) SearchIndexer.rebuild(db, searchIndex, searchSources);
    dispatcher.register(new SearchIndexer(db, searchIndex, searchSources));
    SearchService search = new SearchService(db, searchIndex, workspaces);

    // Watched and bounded: metrics, health, the request log and rate limits; the outbox pruned behind its consumers.
    ServerMetrics metrics = new ServerMetrics(clock, db, dispatcher, dueWork, SmtpMailer.KIND);
    metrics.liveStreams("thread", threadFeature::openStreams);
    metrics.liveStreams("badges", notificationLive::openStreams);
    metrics.liveStreams("sync-notes", syncClose::openStreams);
    OutboxPruner outboxPruner = new OutboxPruner(db, dispatcher, clock, config.ops().outboxRetention());

    for (Feature f : features) {
      f.consumers().forEach(dispatcher::register);
      f.liveConsumers().forEach(dispatcher::registerLive);
      dueWork.register(f.dueWork());
      dueWork.registerExternal(f.externalDueWork());
    }
    List<Router.Routes> routes = new ArrayList<>();
    routes.add(Longhand::operationalRoutes);
    routes.add(new OpsRoutes(metrics, new Readiness(db, dispatcher, clock, lease::held), config.ops().metricsToken(), config.trustProxy()));
    features.forEach(f -> routes.add(f::routes));
    routes.addAll(List.of(
        new SearchApi(search),
        new SearchPages(search, workspaces, pages),
        new NotificationApi(notifications, digests, json),
        new NotificationPages(notifications, digests, workspaces, pages),
        notificationLive));
    WebServer web = new WebServer(config.host(), config.port(), config.secureCookies(), config.trustProxy(), json, accounts, pages, routes,
        new OpsHooks(metrics, config.ops().rateLimitScale()));

    lease.start();
    dispatcher.start();
    outboxPruner.start();
    dueWork.start();
    mailIn.start(threads);
    metrics.counters("longhand.mail.replies", "Replies by email by what became of them", "outcome", mailIn.counts());
    webhooks.start();
    exports.start();
    metrics.counters("longhand.exports", "Workspace exports this node's worker ended, by outcome", "outcome", exports.runs());
    web.start();
    publicAddress[0] = config.baseUrlFor(web.port());
    digests.scheduleMissing();
    threads.rendering().scheduleAtStart(dueWork); // posts an older Markdown renderer stored are rendered again
    log.info("Longhand is serving at http://{}:{} ({} database, recordings and files on {})", config.host(), web.port(),
        db.dialect().name().toLowerCase(), storage.where());
    log.info(mailer.enabled() ? "Email goes through {} from {}" : "Email is off (set LONGHAND_SMTP_URL to send it)",
        config.smtpUrl(), config.mailFromAddress());
    HeapAfterStart.relax();
    return new Longhand(config, db, dispatcher, web, searchIndex, dueWork, mailer, metrics, outboxPruner, threadFeature.live(), mailIn, webhooks,
        exports);
  }

  /**
   * Everything search covers, one source per searchable kind, as the features hand them (the server checks that they
   * agree); {@code longhand reindex} uses it without building the features.
   */
  public static List<SearchSource> searchSources() {
    List<SearchSource> sources = new ArrayList<>(ThreadSearch.ALL);
    sources.addAll(DecisionFeature.SEARCH);
    sources.addAll(DocumentFeature.SEARCH);
    sources.addAll(RecordingFeature.SEARCH);
    return List.copyOf(sources);
  }

  /** What each feature hands to one plug-in point, in the features' order. */
  private static <T> List<T> each(List<Feature> features, java.util.function.Function<Feature, List<T>> part) {
    List<T> all = new ArrayList<>();
    for (Feature f : features) all.addAll(part.apply(f));
    return List.copyOf(all);
  }

  private static void operationalRoutes(Router r) {
    r.get("/health", Access.ANYONE, ctx -> ctx.json(dev.longhand.ops.Health.OK));
    String openApi = dev.longhand.http.OpenApiDocument.served();
    r.get("/api/v1/openapi.json", Access.ANYONE, ctx -> ctx.contentType("application/json").result(openApi));
  }

  public int port() {
    return web.port();
  }

  public String baseUrl() {
    return config.baseUrlFor(web.port());
  }

  /** Where this server keeps its database (SQLite), search index, and recordings and files unless they are in a bucket. */
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

  /**
   * The clock jumped (a test clock moved, a host's clock was stepped): the tickers of due work and of webhook
   * deliveries look now for what became due, rather than at their next tick.
   */
  public void clockMoved() {
    dueWork.wake();
    webhooks.wake();
  }

  /** Workspace exports: this node's worker and its claims (tests run its look for exports to take over). */
  public ExportService exports() {
    return exports;
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
    mailIn.close();
    web.stop();
    outboxPruner.close();
    dueWork.close();
    dispatcher.close();
    webhooks.close();
    exports.close();
    searchIndex.close();
    db.close();
    metrics.close();
  }
}
