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
  private final List<Registration> registrations = new ArrayList<>();

  /** A route as Javalin gets it; {@code first}: tried before the routes that cannot match the same paths. */
  private static final class Registration {
    final String method;
    final String path;
    final Consumer<RoutesConfig> register;
    boolean first;

    Registration(String method, String path, Consumer<RoutesConfig> register) {
      this.method = method;
      this.path = path;
      this.register = register;
    }
  }

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
    registrations.add(new Registration("GET", path, r -> r.sse(path, sseClient -> {
      if (access == Access.SIGNED_IN && Requests.viewerOrNull(sseClient.ctx()) == null) {
        sseClient.close();
        return;
      }
      client.accept(sseClient);
    })));
    return this;
  }

  /**
   * Has Javalin try the route declared last before the others of its method, for the few routes nearly every request
   * takes (posting a reply, reading the inbox): Javalin matches a request against each route's pattern in the order
   * they were added, and a reply was matched against a hundred POST patterns before its own. It passes only routes
   * that no path can match as well, so which route answers a path never changes.
   */
  public Router tryFirst() {
    registrations.getLast().first = true;
    return this;
  }

  public List<RouteSpec> routes() {
    return List.copyOf(specs);
  }

  void applyTo(RoutesConfig routes) {
    for (Registration r : ordered()) r.register.accept(routes);
  }

  /** The routes as "METHOD path" in the order Javalin gets them. */
  List<String> order() {
    return ordered().stream().map(r -> r.method + " " + r.path).toList();
  }

  /** The registrations in the order Javalin gets them: each {@link #tryFirst} route moved up past those it cannot overlap. */
  private List<Registration> ordered() {
    List<Registration> out = new ArrayList<>();
    for (Registration r : registrations) {
      int at = out.size();
      if (r.first) {
        while (at > 0 && !out.get(at - 1).first && !(out.get(at - 1).method.equals(r.method) && overlap(out.get(at - 1).path, r.path))) at--;
      }
      out.add(at, r);
    }
    return out;
  }

  /**
   * Whether some path matches both patterns: as many segments, each pair the same text or one of them a parameter
   * ({@code {id}}). A segment that is neither plain text nor a whole parameter (a wildcard, a parameter within text)
   * is taken to match anything.
   */
  static boolean overlap(String a, String b) {
    String[] x = a.split("/", -1);
    String[] y = b.split("/", -1);
    if (x.length != y.length) return wild(a) || wild(b);
    for (int i = 0; i < x.length; i++) {
      if (!x[i].equals(y[i]) && !param(x[i]) && !param(y[i]) && !wild(x[i]) && !wild(y[i])) return false;
    }
    return true;
  }

  private static boolean param(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('{', 1) < 0;
  }

  private static boolean wild(String pattern) {
    String plain = pattern.replaceAll("\\{[^{}/]+\\}", "");
    return plain.contains("*") || plain.contains("<") || plain.contains("{") || pattern.matches(".*[^/]\\{.*|.*\\}[^/].*");
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
    registrations.add(new Registration(method, path, r -> {
      switch (method) {
        case "GET" -> r.get(path, guarded);
        case "POST" -> r.post(path, guarded);
        case "PUT" -> r.put(path, guarded);
        case "DELETE" -> r.delete(path, guarded);
        default -> throw new IllegalArgumentException(method);
      }
    }));
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
