package dev.longhand.file;

import dev.longhand.http.Access;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * REST handlers for files: upload into a space, download with ranges. The upload takes the session cookie with
 * the CSRF token in {@code X-CSRF-Token} as well as a token, so composers upload through it too.
 */
final class FileApi implements Router.Routes {
  private final FileService files;

  FileApi(FileService files) {
    this.files = files;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/spaces/{id}/files", Access.SIGNED_IN, this::upload);
    r.get("/api/v1/files/{id}", Access.SIGNED_IN, this::download);
    r.get("/api/v1/files/{id}/thumbnail", Access.SIGNED_IN, this::thumbnail);
  }

  private void upload(Context ctx) throws IOException {
    StoredFile f = files.upload(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"), ctx.contentType(),
        ctx.req().getContentLengthLong(), ctx.req().getInputStream());
    ctx.status(201).json(FileJson.View.of(f));
  }

  private void download(Context ctx) throws IOException {
    FileAnswers.serve(ctx, files.download(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "file")));
  }

  private void thumbnail(Context ctx) throws IOException {
    FileAnswers.serve(ctx, files.thumbnail(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "file")));
  }
}
