package dev.longhand.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: security headers, who is asking, CSRF, the route table and how failures are
 * shown (problem+json for the API, a page for people; never a stack trace).
 */
public final class WebServer {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  public static final String SESSION_COOKIE = "lh_session";
  static final String SECURE_COOKIES = "longhand.secureCookies";
  static final String TRUST_PROXY = "longhand.trustProxy";
  private static final String PROBLEM_RENDERED = "longhand.problemRendered";
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
      "media-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
      "form-action 'self'", "frame-ancestors 'none'");

  private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  private final Javalin app;
  private final Router router;

  public WebServer(String host, int port, boolean secureCookies, boolean trustProxy, ObjectMapper json, Authenticator auth,
                   Pages pages, List<Router.Routes> features) {
    this.router = new Router();
    for (Router.Routes f : features) f.register(router);
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jetty.host = host;
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(json, true));
      config.staticFiles.add(static_ -> {
        static_.hostedPath = "/static";
        static_.directory = "/static";
        static_.location = Location.CLASSPATH;
        static_.headers = Map.of("Cache-Control", "public, max-age=3600");
      });
      config.staticFiles.enableWebjars();
      config.routes.before(ctx -> {
        ctx.attribute(SECURE_COOKIES, secureCookies);
        ctx.attribute(TRUST_PROXY, trustProxy);
        securityHeaders(ctx);
        identify(ctx, auth);
        Csrf.check(ctx);
      });
      router.applyTo(config.routes);
      config.routes.after(WebServer::discardUnreadBody);
      config.routes.exception(Problem.class, (p, ctx) -> renderProblem(ctx, p, pages));
      config.routes.exception(Exception.class, (e, ctx) -> {
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
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
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
    boolean wantsHtml = !Router.isApi(ctx) && (ctx.header("Accept") == null || ctx.header("Accept").contains("text/html"));
    if (wantsHtml) {
      ctx.html(pages.renderToString(ctx, "error.jte", Map.of("problem", p)));
      return;
    }
    ctx.json(ProblemBody.of(p, ctx.path())).contentType("application/problem+json");
  }
}
