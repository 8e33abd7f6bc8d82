package dev.longhand.search;

import dev.longhand.http.Access;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Viewer;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code GET /api/v1/search?q=&space=&author=&limit=&offset=}: a page of grouped hits the caller may read. */
public final class SearchApi implements Router.Routes {
  private final SearchService search;

  public SearchApi(SearchService search) {
    this.search = search;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/search", Access.SIGNED_IN, this::search);
  }

  private void search(Context ctx) {
    Viewer viewer = Requests.viewer(ctx);
    SearchResults results = search.search(viewer.accountId(), request(ctx, ctx.queryParam("q"), viewer));
    ctx.json(SearchJson.Hits.of(results));
  }

  /** The request the query string asks for ({@code q} as given). */
  static SearchService.Request request(Context ctx, String q, Viewer viewer) {
    return new SearchService.Request(q, spaceFilter(ctx), authorFilter(ctx),
        Requests.limit(ctx, SearchService.DEFAULT_LIMIT, SearchService.MAX_LIMIT), offset(ctx), viewer.zone());
  }

  /** The space filter, when given: an id (anything else is bad input). */
  static Optional<Long> spaceFilter(Context ctx) {
    String raw = ctx.queryParam("space");
    if (raw == null || raw.isBlank()) return Optional.empty();
    long id = Ids.parse(raw.strip());
    if (id < 0) throw Problem.invalid("space", "'space' must be a space id.");
    return Optional.of(id);
  }

  /** The author filter, when given: an account id or a handle. */
  static Optional<String> authorFilter(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("author")).map(String::strip).filter(a -> !a.isEmpty() && a.length() <= 100);
  }

  /** How many groups to skip: 0 to {@link SearchService#MAX_OFFSET}, 0 when absent. */
  static int offset(Context ctx) {
    String raw = ctx.queryParam("offset");
    if (raw == null || raw.isBlank()) return 0;
    long n = Ids.parse(raw.strip());
    if (n < 0 || n > SearchService.MAX_OFFSET) {
      throw Problem.invalid("offset", "'offset' must be a whole number from 0 to " + SearchService.MAX_OFFSET + ".");
    }
    return (int) n;
  }
}
