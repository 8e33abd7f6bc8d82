package dev.longhand.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.store.StorageUnavailable;
import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.ServletInputStream;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: security headers, who is asking, CSRF, the route table and how failures are
 * shown (problem+json for the API, a page for people; never a stack trace).
 */
public final class WebServer {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  public static final String SESSION_COOKIE = "lh_session";
  /** Server settings handlers read, kept once with the app rather than copied into every request's attributes. */
  static final Key<Boolean> SECURE_COOKIES = new Key<>("longhand.secureCookies");
  static final Key<Boolean> TRUST_PROXY = new Key<>("longhand.trustProxy");
  private static final String PROBLEM_RENDERED = "longhand.problemRendered";
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
      "media-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
      "form-action 'self'", "frame-ancestors 'none'");

  /**
   * A JSON answer is never a document a browser renders: it may load nothing and be framed nowhere. Short, because
   * every API answer carries it (the pages' policy and the permissions policy were 600 bytes of each answer).
   */
  static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

  /** Pages use nothing of the device beyond playing media, which needs no permission. */
  static final String PERMISSIONS_POLICY = String.join(", ",
      "accelerometer=()", "bluetooth=()", "browsing-topics=()", "camera=()", "display-capture=()", "geolocation=()",
      "gyroscope=()", "hid=()", "idle-detection=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()",
      "publickey-credentials-get=()", "screen-wake-lock=()", "serial=()", "usb=()", "xr-spatial-tracking=()");
  /** API routes that take a body other than JSON on purpose: streamed multipart uploads, and WebVTT or plain captions. */
  private static final List<Pattern> RAW_BODY_ROUTES = List.of(
      Pattern.compile("/api/v1/spaces/[^/]+/recordings"), Pattern.compile("/api/v1/recordings/[^/]+/captions"),
      Pattern.compile("/api/v1/me/avatar"), Pattern.compile("/api/v1/spaces/[^/]+/files"));

  private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  private final Javalin app;
  private final Router router;

  /**
   * Connections the kernel may hold before Jetty accepts them. Java's default is 50: 10,000 live pages opening at
   * once (a node restarting behind a load balancer, {@code ./longhand bench live}) overflowed it hundreds of
   * thousands of times, and one stream in eight was reset. Linux caps it at {@code net.core.somaxconn}.
   */
  static final int ACCEPT_QUEUE = 4096;

  /**
   * A response's output buffer, which Jetty holds for as long as the response is open. At Jetty's 32 KiB, 10,000
   * open live streams held 320 MiB of it for the few hundred bytes each event writes; a page or a download
   * larger than this goes out in several writes instead of one.
   */
  static final int OUTPUT_BUFFER = 8 * 1024;

  private static ServerConnector connector(Server server, HttpConfiguration http, String host, int port) {
    ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
    c.setHost(host);
    c.setPort(port);
    c.setAcceptQueueSize(ACCEPT_QUEUE);
    return c;
  }

  /** Answered without looking at who is asking: {@code /metrics} checks its own Bearer token. */
  public static final String METRICS_PATH = "/metrics";

  public WebServer(String host, int port, boolean secureCookies, boolean trustProxy, ObjectMapper json, Authenticator auth,
                   Pages pages, List<Router.Routes> features) {
    this(host, port, secureCookies, trustProxy, json, auth, pages, features, RequestHooks.NONE);
  }

  public WebServer(String host, int port, boolean secureCookies, boolean trustProxy, ObjectMapper json, Authenticator auth,
                   Pages pages, List<Router.Routes> features, RequestHooks hooks) {
    this.router = new Router();
    for (Router.Routes f : features) f.register(router);
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jetty.host = host;
      config.jetty.port = port;
      config.jetty.addConnector((server, http) -> connector(server, http, host, port));
      config.jetty.modifyHttpConfiguration(http -> http.setOutputBufferSize(OUTPUT_BUFFER));
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(json, true));
      config.appData(SECURE_COOKIES, secureCookies);
      config.appData(TRUST_PROXY, trustProxy);
      config.staticFiles.add(static_ -> {
        static_.hostedPath = "/static";
        static_.directory = "/static";
        static_.location = Location.CLASSPATH;
        static_.headers = Map.of("Cache-Control", "public, max-age=3600");
      });
      config.staticFiles.add(root -> { // what browsers ask for at the root: /favicon.ico
        root.hostedPath = "/";
        root.directory = "/static/root";
        root.location = Location.CLASSPATH;
        root.headers = Map.of("Cache-Control", "public, max-age=86400");
      });
      config.staticFiles.enableWebjars();
      config.routes.before(ctx -> {
        hooks.started(ctx);
        securityHeaders(ctx);
        if (!ctx.path().equals(METRICS_PATH)) identify(ctx, auth);
        privacyHeaders(ctx);
        requireSameOrigin(ctx);
        requireJsonBody(ctx);
        hooks.admit(ctx);
        Csrf.check(ctx);
        Input.refuseNul(ctx);
      });
      router.applyTo(config.routes);
      config.routes.after(WebServer::discardUnreadBody);
      // After exception and error mapping, so the status is the one answered. (Javalin's request logger would do
      // the same, but a server with one set wraps every answer's output: a third of /health's throughput.)
      config.routes.after(ctx -> hooks.finished(ctx, -1));
      config.routes.exception(Problem.class, (p, ctx) -> renderProblem(ctx, p, pages));
      config.routes.exception(StorageUnavailable.class, (e, ctx) -> renderProblem(ctx, Problem.unavailable(e.getMessage()), pages));
      config.routes.exception(Exception.class, (e, ctx) -> {
        // A live stream's request ends when its reader leaves; a write to it afterwards (the heartbeat) resumes the
        // request's tasks on a recycled request, where every call fails. Nobody is left to answer: throwing here
        // would send Javalin round its error handling again and again.
        if (Requests.gone(ctx)) return;
        if (StorageUnavailable.databaseOutOfReach(e)) {
          log.warn("database out of reach on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          ctx.header("Retry-After", "5");
          renderProblem(ctx, Problem.unavailable("The database could not be reached. Try again in a few seconds."), pages);
          return;
        }
        log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        renderProblem(ctx, Problem.serverError(), pages);
      });
      config.routes.error(404, ctx -> {
        if (ctx.attribute(PROBLEM_RENDERED) == null) renderProblem(ctx, Problem.notFound("page"), pages);
      });
      config.routes.error(405, ctx -> {
        if (ctx.attribute(PROBLEM_RENDERED) == null) renderProblem(ctx, Problem.notFound("page"), pages);
      });
    });
  }

  public WebServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  public List<RouteSpec> routes() {
    return router.routes();
  }

  public void stop() {
    app.stop();
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", Router.isApi(ctx) ? API_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
  }

  /**
   * Every page says which device features it may use (none); an answer for a signed-in viewer, and every API
   * answer, must not be kept by the browser or a cache between it and us (static files may be).
   */
  private static void privacyHeaders(Context ctx) {
    if (Router.isApi(ctx)) {
      ctx.header("Cache-Control", "no-store");
      return;
    }
    ctx.header("Permissions-Policy", PERMISSIONS_POLICY);
    String path = ctx.path();
    if (path.startsWith("/static/") || path.startsWith("/webjars/")) return;
    if (Requests.viewerOrNull(ctx) != null) ctx.header("Cache-Control", "no-store");
  }

  /**
   * A write that a browser may send with its cookies must come from one of our own pages: an {@code Origin} of
   * another site, or {@code Sec-Fetch-Site} saying so, is refused. Clients that send neither (scripts, older
   * browsers) rely on the CSRF token as before; bearer-token calls carry no ambient authority.
   */
  private static void requireSameOrigin(Context ctx) {
    if (isSafe(ctx) || Csrf.bearerOnly(ctx)) return;
    String site = ctx.header("Sec-Fetch-Site");
    boolean crossSite = site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"));
    String origin = ctx.header("Origin");
    if (crossSite || (origin != null && !sameOrigin(origin, ctx))) {
      throw Problem.forbidden("This request came from another site. Use Longhand's own pages, or an API token.");
    }
  }

  private static boolean sameOrigin(String origin, Context ctx) {
    String host = ctx.header("Host");
    if (ctx.appData(TRUST_PROXY) && ctx.header("X-Forwarded-Host") != null) {
      host = ctx.header("X-Forwarded-Host").split(",")[0].strip();
    }
    if (host == null) return false;
    try {
      URI o = new URI(origin);
      if (o.getHost() == null || o.getScheme() == null) return false; // "null": a sandboxed or opaque origin
      int port = o.getPort();
      boolean defaultPort = port == -1 || (port == 80 && o.getScheme().equals("http")) || (port == 443 && o.getScheme().equals("https"));
      String authority = o.getHost() + (defaultPort ? "" : ":" + port);
      String given = host.toLowerCase(Locale.ROOT).replaceFirst(":(80|443)$", "");
      return authority.toLowerCase(Locale.ROOT).equals(given);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** An API write with a body takes JSON, except on the few routes that take a raw body on purpose (415 otherwise). */
  private static void requireJsonBody(Context ctx) {
    if (!Router.isApi(ctx) || isSafe(ctx)) return;
    boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody) return;
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT).strip();
    if (type.equals("application/json") || type.startsWith("application/json;")) return;
    if (RAW_BODY_ROUTES.stream().anyMatch(p -> p.matcher(ctx.path()).matches())) return;
    throw Problem.unsupportedType("Content-Type", "Send the request body as application/json.");
  }

  private static boolean isSafe(Context ctx) {
    String method = ctx.method().name();
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  /**
   * Reads and drops what is left of a request's body, up to {@link #DISCARD_LIMIT}. Answering before the body is
   * read (a missing token, a lapsed session) while the client is still sending an upload would
   * otherwise end in the server closing a socket with unread bytes: the kernel then resets the connection, and the
   * client (a browser too) sees a broken connection instead of the answer. A handler that read its body leaves
   * nothing here; a body of unknown length, or one beyond the limit, closes the connection as before.
   */
  private static void discardUnreadBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared <= 0 || declared > DISCARD_LIMIT) return; // none (most GETs), or unknown (chunked): maybe endless
    try {
      ServletInputStream in = ctx.req().getInputStream();
      if (in.isFinished()) return; // the handler read it all: the usual case, and free
      byte[] buffer = new byte[16 * 1024];
      long read = 0;
      for (int n; read <= declared && (n = in.read(buffer)) >= 0; ) read += n;
    } catch (IOException | IllegalStateException e) {
      // Already read as text, or the client went away: nothing left worth reading.
    }
  }

  private static void identify(Context ctx, Authenticator auth) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      auth.byApiToken(header.substring(7).trim()).ifPresentOrElse(
          v -> ctx.attribute(Requests.VIEWER, v),
          () -> { throw Problem.unauthorized(); });
      return;
    }
    String session = ctx.cookie(SESSION_COOKIE);
    if (session != null) auth.bySessionToken(session).ifPresent(v -> ctx.attribute(Requests.VIEWER, v));
  }

  private static void renderProblem(Context ctx, Problem p, Pages pages) {
    ctx.attribute(PROBLEM_RENDERED, Boolean.TRUE);
    ctx.status(p.status());
    p.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
    boolean wantsHtml = !Router.isApi(ctx) && !ctx.path().equals(METRICS_PATH) && (ctx.header("Accept") == null || ctx.header("Accept").contains("text/html"));
    if (wantsHtml) {
      ctx.html(pages.renderToString(ctx, "error.jte", Map.of("problem", p)));
      return;
    }
    ctx.json(ProblemBody.of(p, ctx.path())).contentType("application/problem+json");
  }
}
