package dev.longhand.search;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The search page: a box, filters by space and author, and the hits with their snippets. */
public final class SearchPages implements Router.Routes {
  private final SearchService search;
  private final WorkspaceService workspaces;
  private final Pages pages;

  public SearchPages(SearchService search, WorkspaceService workspaces, Pages pages) {
    this.search = search;
    this.workspaces = workspaces;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/search", Access.SIGNED_IN, this::show);
  }

  private void show(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    String q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
    Optional<Long> space = SearchApi.spaceFilter(ctx);
    Optional<String> author = SearchApi.authorFilter(ctx);
    List<Space> spaces = workspaces.readableSpaces(me);
    Map<String, Object> model = new HashMap<>();
    model.put("q", q);
    model.put("space", space.orElse(0L));
    model.put("author", author.orElse(""));
    model.put("memberships", workspaces.workspacesOf(me));
    model.put("spaces", spaces);
    model.put("spaceNames", spaces.stream().collect(Collectors.toMap(Space::id, Space::name)));
    model.put("hits", q.isEmpty() ? List.of() : search.search(me, q, space, author, SearchService.DEFAULT_LIMIT));
    pages.render(ctx, "search/search.jte", model);
  }
}
