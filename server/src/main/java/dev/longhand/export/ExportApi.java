package dev.longhand.export;

import dev.longhand.http.Access;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import java.io.InputStream;
import java.nio.channels.Channels;

/** REST handlers for workspace exports: start one, follow it, download its archive. */
final class ExportApi implements Router.Routes {
  private final ExportService exports;

  ExportApi(ExportService exports) {
    this.exports = exports;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/workspaces/{id}/exports", Access.SIGNED_IN, this::start);
    r.get("/api/v1/workspaces/{id}/exports", Access.SIGNED_IN, this::list);
    r.get("/api/v1/exports/{id}", Access.SIGNED_IN, this::show);
    r.get("/api/v1/exports/{id}/archive", Access.SIGNED_IN, ctx -> download(ctx, exports));
  }

  private void start(Context ctx) {
    Export e = exports.start(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "workspace"));
    ctx.status(202).header("Location", "/api/v1/exports/" + e.id()).json(ExportJson.View.of(e));
  }

  private void list(Context ctx) {
    var list = exports.list(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "workspace"));
    ctx.json(new ExportJson.Listing(list.stream().map(ExportJson.View::of).toList()));
  }

  private void show(Context ctx) {
    ctx.json(ExportJson.View.of(exports.get(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "export"))));
  }

  /** The archive as an attachment (the API's and the page's download alike). */
  static void download(Context ctx, ExportService exports) {
    long me = Requests.viewer(ctx).accountId();
    long id = Requests.pathId(ctx, "id", "export");
    ExportService.Archive archive = exports.archive(me, id);
    ctx.header("Content-Disposition", "attachment; filename=\"" + exports.fileName(exports.get(me, id)) + "\"");
    ctx.header("Content-Length", String.valueOf(archive.size()));
    InputStream in = Channels.newInputStream(archive.bytes());
    ctx.contentType("application/zip").result(in);
  }
}
