package dev.longhand.search;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Viewer;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The search page: a box, filters by space and author, the operators of the query as chips that take themselves
 * away, and the results grouped by page (a thread with its matching replies) a page of groups at a time. A bad
 * operator value is said beside the box (400), with the query kept.
 */
public final class SearchPages implements Router.Routes {
  private final SearchService search;
  private final WorkspaceService workspaces;
  private final Pages pages;

  public SearchPages(SearchService search, WorkspaceService workspaces, Pages pages) {
    this.search = search;
    this.workspaces = workspaces;
    this.pages = pages;
  }

  /** An operator of the query, shown as a chip; {@code href} searches again without it. */
  public record Chip(String label, String href) {}

  @Override
  public void register(Router r) {
    r.get("/search", Access.SIGNED_IN, this::show);
  }

  private void show(Context ctx) {
    Viewer viewer = Requests.viewer(ctx);
    long me = viewer.accountId();
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
    SearchResults found = null;
    String error = null;
    if (!q.isEmpty()) {
      try {
        found = search.search(me, SearchApi.request(ctx, q, viewer));
      } catch (Problem p) {
        if (p.status() != 400 || !p.field().equals(Optional.of("q"))) throw p;
        ctx.status(400);
        error = p.detail();
      }
    }
    SearchResults results = found;
    model.put("results", results);
    model.put("error", error);
    model.put("chips", results == null ? List.of() : results.query().operators().stream()
        .map(o -> new Chip(o.label(), href(ctx, results.query().without(o), 0))).toList());
    model.put("similarHref", results == null || results.similarWords().isEmpty() ? ""
        : href(ctx, results.similarWords().get() + operatorsOf(results.query()), 0));
    model.put("previousHref", results == null ? "" : results.previousOffset().map(o -> href(ctx, q, o)).orElse(""));
    model.put("nextHref", results == null ? "" : results.nextOffset().map(o -> href(ctx, q, o)).orElse(""));
    pages.render(ctx, "search/search.jte", model);
  }

  private static String operatorsOf(SearchQuery query) {
    return query.operators().stream().map(o -> " " + o.text()).collect(Collectors.joining());
  }

  /** This search with another query or offset, keeping the form's filters. */
  private static String href(Context ctx, String q, int offset) {
    StringBuilder url = new StringBuilder("/search?q=").append(encode(q));
    for (String param : List.of("space", "author", "limit")) {
      String v = ctx.queryParam(param);
      if (v != null && !v.isBlank()) url.append('&').append(param).append('=').append(encode(v.strip()));
    }
    if (offset > 0) url.append("&offset=").append(offset);
    return url.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
