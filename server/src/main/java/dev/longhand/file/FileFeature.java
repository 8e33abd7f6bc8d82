package dev.longhand.file;

import dev.longhand.feature.Feature;
import dev.longhand.http.Router;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;

/**
 * Files and images: upload into a space, download with ranges, thumbnails; the bytes in the {@link Storage}'s files
 * (on local disk under {@code <data-dir>/files}, or in a bucket), uploads in progress under
 * {@code <data-dir>/files/.incoming}.
 */
public final class FileFeature implements Feature {
  private final FileService files;

  public FileFeature(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, Storage storage, long maxBytes) {
    this(new FileService(db, ids, clock, outbox, workspaces, storage.files(), storage.incoming(Storage.FILES), maxBytes));
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
