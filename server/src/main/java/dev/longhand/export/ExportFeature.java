package dev.longhand.export;

import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;

/**
 * Exports of whole workspaces (issue 16): started by an owner or admin, written in the background by one node of the
 * cluster and kept in the storage's exports ({@code <data-dir>/exports} or the bucket), followed and downloaded through
 * the API and the workspace's export page on any node. Importing an archive is the command line's ({@link ImportCommand}).
 */
public final class ExportFeature implements Feature {
  private final ExportService exports;
  private final Pages pages;

  public ExportFeature(ExportService exports, Pages pages) {
    this.exports = exports;
    this.pages = pages;
  }

  @Override
  public void routes(Router r) {
    new ExportApi(exports).register(r);
    new ExportPages(exports, pages).register(r);
  }
}
