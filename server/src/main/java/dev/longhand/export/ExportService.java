package dev.longhand.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.file.Storage;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports of whole workspaces, for their owners and admins ({@link Action#EXPORT_WORKSPACE}). Starting one writes its
 * row (queued) and hands it to this feature's own worker, one export at a time, in the background; its progress is on
 * the row. The archive is {@code <data-dir>/exports/<id>.zip}. An export that was queued or running when the server
 * stopped is run again from the start at the next start. Anyone but the workspace's owners and admins gets 404 for an
 * export, as for anything they may not know exists.
 */
public final class ExportService {
  private static final Logger log = LoggerFactory.getLogger(ExportService.class);
  private static final int LISTED = 20;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final ExportStore store = new ExportStore();
  private final WorkspaceExporter exporter;
  private final Path dir;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("workspace-export").factory());

  /** Archives in {@code <dataDir>/exports}, with the bytes of recordings and files read from {@code storage}. */
  public ExportService(Database db, Ids ids, Clock clock, WorkspaceService workspaces, ObjectMapper json, Path dataDir, Storage storage,
                       String server) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.workspaces = workspaces;
    this.exporter = new WorkspaceExporter(db, store, json, storage, server);
    this.dir = dataDir.resolve("exports");
  }

  /** Runs again what was queued or running when the server stopped. */
  public void resumeUnfinished() {
    db.read(store::unfinished).forEach(id -> worker.execute(() -> run(id)));
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
    worker.execute(() -> run(e.id()));
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

  /** The archive of a finished export (409 while it runs, or when it failed). */
  public Path archive(long me, long exportId) {
    Export e = get(me, exportId);
    if (e.status() != Export.Status.DONE) throw Problem.conflict("status", "The export is " + e.status().key() + ", not done.");
    Path p = archivePath(e.id());
    if (!Files.isRegularFile(p)) throw Problem.notFound("export");
    return p;
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

  Path archivePath(long id) {
    return dir.resolve(id + ".zip");
  }

  private void run(long id) {
    Export e = db.read(h -> store.find(h, id)).orElse(null);
    if (e == null || e.finished()) return;
    try {
      long size = exporter.write(e.workspaceId(), archivePath(id), clock.instant(),
          (done, total) -> db.write(h -> {
            store.progress(h, id, Export.Status.RUNNING, done, total);
            return null;
          }));
      db.write(h -> {
        store.finish(h, id, Export.Status.DONE, size, null, clock.millis());
        return null;
      });
      log.info("Exported workspace {} as export {} ({} bytes)", e.workspaceId(), id, size);
    } catch (Exception failure) {
      log.error("Export {} of workspace {} failed", id, e.workspaceId(), failure);
      String reason = String.valueOf(failure.getMessage());
      db.write(h -> {
        store.finish(h, id, Export.Status.FAILED, null, reason.length() > 300 ? reason.substring(0, 300) : reason, clock.millis());
        return null;
      });
    }
  }
}
