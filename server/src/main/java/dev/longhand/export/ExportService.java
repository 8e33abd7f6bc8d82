package dev.longhand.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.file.FileStorage;
import dev.longhand.file.Storage;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports of whole workspaces, for their owners and admins ({@link Action#EXPORT_WORKSPACE}). Starting one writes its
 * row (queued) and hands it to this node's worker, which runs one export at a time in the background; its progress is
 * on the row. Anyone but the workspace's owners and admins gets 404 for an export, as for anything they may not know
 * exists.
 *
 * <p>Several nodes may share the database, so an export runs once per cluster: a node's worker runs one only after
 * claiming it in its row ({@link ExportStore#claim}, which one taker wins), and renews the claim every
 * {@link #RENEW_EVERY} while it writes; a claim that was not renewed for {@link #TERM} ran out (its node died) and
 * another node takes the export over, from the start. Every node looks for such exports, and for queued ones no node
 * has claimed, when it starts and every {@link #LOOK_EVERY}. A run that finds its claim taken stops and changes
 * nothing more.
 *
 * <p>The archive is written to a temporary file on this machine ({@code Storage.incoming(EXPORTS)}) and handed whole
 * to the storage, as {@code <id>.zip} of {@link Storage#exports()}: the data directory's {@code exports}, or the
 * bucket, where every node finds it.
 */
public final class ExportService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExportService.class);
  private static final int LISTED = 20;
  private static final String INCOMING = ".incoming-";
  static final Duration TERM = Duration.ofMinutes(2);
  static final Duration RENEW_EVERY = Duration.ofSeconds(30);
  static final Duration LOOK_EVERY = Duration.ofMinutes(1);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final ExportStore store = new ExportStore();
  private final WorkspaceExporter exporter;
  private final Storage storage;
  private final String node;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("workspace-export").factory());
  private final Set<Long> waiting = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> runs = new LinkedHashMap<>();
  private volatile Long running;
  private volatile boolean closing;
  private Thread keeper;

  /**
   * Archives kept in {@code storage}'s exports, with the bytes of recordings and files read from it too; {@code node}
   * names this server in its claims (its node lease's holder, unique to the process).
   */
  public ExportService(Database db, Ids ids, Clock clock, WorkspaceService workspaces, ObjectMapper json, Storage storage, String server,
                       String node) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.workspaces = workspaces;
    this.exporter = new WorkspaceExporter(db, store, json, storage, server);
    this.storage = storage;
    this.node = node;
    for (String outcome : List.of("done", "failed", "skipped", "lost")) runs.put(outcome, new AtomicLong());
  }

  /**
   * Sweeps what an earlier run of this server left half-written here, takes over the exports nobody holds (queued,
   * or whose node's claim ran out), and from now on renews this node's claim and looks again every minute.
   */
  public synchronized void start() {
    sweepIncoming();
    takeOver();
    keeper = Thread.ofVirtual().name("workspace-export-claims").start(this::keep);
  }

  /**
   * Hands this node's worker every unfinished export that no node holds now; the worker claims each before it runs it,
   * so one that another node claims meanwhile is skipped here.
   */
  public void takeOver() {
    long now = clock.millis();
    db.read(h -> store.unclaimed(h, now)).forEach(this::enqueue);
  }

  /**
   * How many exports this node's worker ended by each outcome: done, failed; skipped (another node held or had finished
   * it), lost (another node took it over mid-way).
   */
  public Map<String, AtomicLong> runs() {
    return runs;
  }

  /** Waits until this node's worker has ended every export handed to it so far (for tests and an orderly stop). */
  public void awaitIdle() throws InterruptedException {
    try {
      worker.submit(() -> {}).get();
    } catch (java.util.concurrent.ExecutionException | RejectedExecutionException e) {
      // nothing ran, or the worker is closed: nothing more will
    }
  }

  /**
   * Stops: the export running here stops at its next step and lets go of its claim, so another node takes it over at
   * its next look (a node that dies instead leaves its claim to run out); exports still queued here are left to the
   * others. Waits up to {@link #STOP_WAIT} for the run to stop.
   */
  @Override
  public synchronized void close() {
    closing = true;
    if (keeper != null) keeper.interrupt();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        log.warn("Export {} did not stop within {}; its claim runs out within {}", running, STOP_WAIT, TERM);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts an export of the workspace (owners and admins: others 403, outsiders 404); it runs in the background. */
  public Export start(long me, long workspaceId) {
    Workspace.Membership m = workspaces.accessWorkspace(me, workspaceId);
    Permissions.check(m.role(), Action.EXPORT_WORKSPACE);
    Export e = new Export(ids.next(), workspaceId, me, Export.Status.QUEUED, 0, 0, null, null, clock.millis(), null);
    db.write(h -> {
      store.insert(h, e);
      return null;
    });
    enqueue(e.id());
    return e;
  }

  /** The workspace's latest exports, newest first (owners and admins). */
  public List<Export> list(long me, long workspaceId) {
    Workspace.Membership m = workspaces.accessWorkspace(me, workspaceId);
    Permissions.check(m.role(), Action.EXPORT_WORKSPACE);
    return db.read(h -> store.ofWorkspace(h, workspaceId, LISTED));
  }

  /** One export, for the owners and admins of its workspace; 404 for everyone else. */
  public Export get(long me, long exportId) {
    Export e = db.read(h -> store.find(h, exportId)).orElseThrow(() -> Problem.notFound("export"));
    Optional<Workspace.Membership> m;
    try {
      m = Optional.of(workspaces.accessWorkspace(me, e.workspaceId()));
    } catch (Problem outsider) {
      m = Optional.empty();
    }
    if (m.isEmpty() || !Permissions.can(m.get().role(), Action.EXPORT_WORKSPACE)) throw Problem.notFound("export");
    return e;
  }

  /** A finished export's archive: its size, and its bytes to read once and close. */
  public record Archive(long size, ReadableByteChannel bytes) {}

  /** The archive of a finished export, from the storage whichever node wrote it (409 while it runs, or when it failed). */
  public Archive archive(long me, long exportId) {
    Export e = get(me, exportId);
    if (e.status() != Export.Status.DONE) throw Problem.conflict("status", "The export is " + e.status().key() + ", not done.");
    FileStorage archives = storage.exports();
    try {
      long size = archives.size(key(e.id()));
      return new Archive(size, archives.open(key(e.id()), 0, size));
    } catch (NoSuchFileException gone) {
      throw Problem.notFound("export");
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  /** What a downloaded archive is called: the workspace's name and the export's day. */
  public String fileName(Export e) {
    String name = db.read(h -> store.workspace(h, e.workspaceId())).map(ExportStore.WorkspaceRow::name).orElse("workspace");
    String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return (slug.isEmpty() ? "workspace" : slug) + "-" + java.time.Instant.ofEpochMilli(e.createdAt()).toString().substring(0, 10) + ".zip";
  }

  /** The workspace as the viewer belongs to it (for the page). */
  public Workspace.Membership membership(long me, long workspaceId) {
    return workspaces.accessWorkspace(me, workspaceId);
  }

  /** The archive's key in the storage's exports. */
  static String key(long id) {
    return id + ".zip";
  }

  private void enqueue(long id) {
    if (!waiting.add(id)) return; // already in this worker's queue
    try {
      worker.execute(() -> {
        waiting.remove(id);
        run(id);
      });
    } catch (RejectedExecutionException closing) {
      waiting.remove(id);
    }
  }

  /** Renews the claim of the export this node runs every {@link #RENEW_EVERY}, and takes over every {@link #LOOK_EVERY}. */
  private void keep() {
    long lastLook = System.nanoTime();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(RENEW_EVERY);
        renew();
        if (System.nanoTime() - lastLook >= LOOK_EVERY.toNanos()) {
          lastLook = System.nanoTime();
          takeOver();
        }
      } catch (InterruptedException stop) {
        return;
      } catch (RuntimeException e) {
        log.warn("Could not renew or look for exports to run; trying again in {}", RENEW_EVERY, e);
      }
    }
  }

  /** Extends this node's claim on the export it runs, if any; whether the claim is still this node's. */
  private boolean renew() {
    Long id = running;
    if (id == null) return true;
    return db.write(h -> store.renew(h, id, node, clock.millis() + TERM.toMillis()));
  }

  /** Another node took the export over (this one could not renew its claim for a whole term): this run stops. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super(null, null, false, false);
    }
  }

  /** This server is stopping: the run stops and lets go of its claim. */
  private static final class Stopping extends RuntimeException {
    Stopping() {
      super(null, null, false, false);
    }
  }

  private void run(long id) {
    if (closing) return;
    long now = clock.millis();
    if (!db.write(h -> store.claim(h, id, node, now, now + TERM.toMillis()))) {
      runs.get("skipped").incrementAndGet(); // another node holds it, or it is finished
      return;
    }
    Export e = db.read(h -> store.find(h, id)).orElseThrow();
    running = id;
    Path scratch = null;
    try {
      scratch = Files.createTempFile(Files.createDirectories(storage.incoming(Storage.EXPORTS)), INCOMING + id + "-", ".zip");
      long size = exporter.write(e.workspaceId(), scratch, clock.instant(), (done, total) -> {
        if (closing) throw new Stopping();
        if (!db.write(h -> store.progress(h, id, node, done, total))) throw new ClaimLost();
      });
      if (!renew()) throw new ClaimLost();
      storage.exports().put(key(id), scratch);
      if (!db.write(h -> store.finish(h, id, node, Export.Status.DONE, size, null, clock.millis()))) throw new ClaimLost();
      runs.get("done").incrementAndGet();
      log.info("Exported workspace {} as export {} ({} bytes)", e.workspaceId(), id, size);
    } catch (Stopping stop) {
      db.write(h -> store.release(h, id, node));
      log.info("Export {} of workspace {} stopped with this server; another node or the next start runs it", id, e.workspaceId());
    } catch (ClaimLost lost) {
      runs.get("lost").incrementAndGet();
      log.warn("Export {} of workspace {} was taken over by another node; this node stopped writing it", id, e.workspaceId());
    } catch (Exception failure) {
      log.error("Export {} of workspace {} failed", id, e.workspaceId(), failure);
      String reason = String.valueOf(failure.getMessage());
      boolean ended = db.write(h -> store.finish(h, id, node, Export.Status.FAILED, null,
          reason.length() > 300 ? reason.substring(0, 300) : reason, clock.millis()));
      runs.get(ended ? "failed" : "lost").incrementAndGet();
    } finally {
      running = null;
      if (scratch != null) deleteQuietly(scratch);
    }
  }

  /** Removes the temporary archives a stopped run of this server left (before this node's worker writes any). */
  private void sweepIncoming() {
    Path dir = storage.incoming(Storage.EXPORTS);
    if (!Files.isDirectory(dir)) return;
    try (var left = Files.list(dir)) {
      left.filter(p -> p.getFileName().toString().startsWith(INCOMING)).forEach(ExportService::deleteQuietly);
    } catch (IOException e) {
      log.warn("Could not sweep {}", dir, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not delete {}", p, e);
    }
  }
}
