package dev.longhand.file;

import dev.longhand.http.Access;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The paths Markdown refers to: {@code /files/{id}} (the file) and {@code /files/{id}/thumbnail}, read with the
 * session cookie by pages (an API token works too); signed-out visitors are sent to sign in first.
 */
final class FilePages implements Router.Routes {
  private final FileService files;

  FilePages(FileService files) {
    this.files = files;
  }

  @Override
  public void register(Router r) {
    r.get("/files/{id}", Access.SIGNED_IN, this::file);
    r.get("/files/{id}/thumbnail", Access.SIGNED_IN, this::thumbnail);
  }

  private void file(Context ctx) throws IOException {
    FileAnswers.serve(ctx, files.download(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "file")));
  }

  private void thumbnail(Context ctx) throws IOException {
    FileAnswers.serve(ctx, files.thumbnail(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "file")));
  }
}
