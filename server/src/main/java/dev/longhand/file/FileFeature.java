package dev.longhand.file;

import dev.longhand.feature.Feature;
import dev.longhand.http.Router;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.WorkspaceService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Files and images: upload into a space, download with ranges, thumbnails; the bytes on local disk under
 * {@code <data-dir>/files} ({@link LocalDiskStorage}), uploads in progress under {@code <data-dir>/files/.incoming}.
 */
public final class FileFeature implements Feature {
  private final FileService files;

  public FileFeature(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, Path dataDir, long maxBytes) {
    this(new FileService(db, ids, clock, outbox, workspaces, new LocalDiskStorage(dataDir.resolve("files")),
        dataDir.resolve("files").resolve(".incoming"), maxBytes));
  }

  public FileFeature(FileService files) {
    this.files = files;
  }

  @Override
  public void routes(Router r) {
    new FileApi(files).register(r);
    new FilePages(files).register(r);
  }
}
