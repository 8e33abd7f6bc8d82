package dev.longhand.export;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import io.javalin.http.Context;
import java.util.Map;

/** The workspace's export page (owners and admins): start an export, watch it, download it. */
final class ExportPages implements Router.Routes {
  private final ExportService exports;
  private final Pages pages;

  ExportPages(ExportService exports, Pages pages) {
    this.exports = exports;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/workspaces/{id}/exports", Access.SIGNED_IN, this::show);
    r.post("/workspaces/{id}/exports", Access.SIGNED_IN, this::start);
    r.get("/exports/{id}/archive", Access.SIGNED_IN, ctx -> ExportApi.download(ctx, exports));
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long ws = Requests.pathId(ctx, "id", "workspace");
    var membership = exports.membership(me, ws);
    Permissions.check(membership.role(), Action.EXPORT_WORKSPACE);
    var list = exports.list(me, ws);
    pages.render(ctx, "export/exports.jte", Map.of("workspace", membership.workspace(), "exports", list,
        "running", list.stream().anyMatch(e -> !e.finished())));
  }

  private void start(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    exports.start(Requests.viewer(ctx).accountId(), ws);
    Pages.seeOther(ctx, "/workspaces/" + ws + "/exports?notice=Export+started.");
  }
}
