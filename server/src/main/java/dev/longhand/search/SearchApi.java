package dev.longhand.search;

import dev.longhand.http.Access;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/search?q=&space=&author=&limit=}: ranked hits the caller may read. */
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
    List<SearchHit> hits = search.search(Requests.viewer(ctx).accountId(), ctx.queryParam("q"),
        spaceFilter(ctx), authorFilter(ctx), Requests.limit(ctx, SearchService.DEFAULT_LIMIT, SearchService.MAX_LIMIT));
    ctx.json(new SearchJson.Hits(hits.stream().map(SearchJson.Hit::of).toList()));
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
}
