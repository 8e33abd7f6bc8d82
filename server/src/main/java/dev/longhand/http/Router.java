package dev.longhand.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The route table. Every route is declared with its {@link Access} rule; signed-in routes turn
 * anonymous callers away (401 for the API, a redirect to sign in for pages) before the handler
 * runs. The table can be listed, which the access walk test uses.
 */
public final class Router {
  private final List<RouteSpec> specs = new ArrayList<>();
  private final List<Consumer<RoutesConfig>> registrations = new ArrayList<>();

  public Router get(String path, Access access, Handler handler) {
    return add("GET", path, access, handler);
  }

  public Router post(String path, Access access, Handler handler) {
    return add("POST", path, access, handler);
  }

  public Router put(String path, Access access, Handler handler) {
    return add("PUT", path, access, handler);
  }

  public Router delete(String path, Access access, Handler handler) {
    return add("DELETE", path, access, handler);
  }

  public Router sse(String path, Access access, Consumer<SseClient> client) {
    specs.add(new RouteSpec("GET", path, access, isApi(path)));
    registrations.add(r -> r.sse(path, sseClient -> {
      if (access == Access.SIGNED_IN && Requests.viewerOrNull(sseClient.ctx()) == null) {
        sseClient.close();
        return;
      }
      client.accept(sseClient);
    }));
    return this;
  }

  public List<RouteSpec> routes() {
    return List.copyOf(specs);
  }

  void applyTo(RoutesConfig routes) {
    for (Consumer<RoutesConfig> r : registrations) r.accept(routes);
  }

  private Router add(String method, String path, Access access, Handler handler) {
    boolean api = isApi(path);
    specs.add(new RouteSpec(method, path, access, api));
    Handler guarded = access == Access.ANYONE ? handler : ctx -> {
      if (Requests.viewerOrNull(ctx) == null) {
        if (api || !method.equals("GET")) throw Problem.unauthorized();
        ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
        return;
      }
      handler.handle(ctx);
    };
    registrations.add(r -> {
      switch (method) {
        case "GET" -> r.get(path, guarded);
        case "POST" -> r.post(path, guarded);
        case "PUT" -> r.put(path, guarded);
        case "DELETE" -> r.delete(path, guarded);
        default -> throw new IllegalArgumentException(method);
      }
    });
    return this;
  }

  static boolean isApi(String path) {
    return path.startsWith("/api/");
  }

  /** Lets a feature declare its routes in one place. */
  public interface Routes {
    void register(Router router);
  }

  /** Whether a request is one for the API rather than a page. */
  public static boolean isApi(Context ctx) {
    return isApi(ctx.path());
  }
}
