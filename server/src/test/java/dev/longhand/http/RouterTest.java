package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The route table as Javalin gets it: routes marked {@link Router#tryFirst} are tried early, and never answer another's paths. */
class RouterTest {
  @Test
  void patternsOverlapWhenSomePathMatchesBoth() {
    assertThat(Router.overlap("/api/v1/threads/{id}", "/api/v1/threads/search")).isTrue();
    assertThat(Router.overlap("/a/{x}/b", "/a/c/{y}")).isTrue();
    assertThat(Router.overlap("/api/v1/threads/{id}", "/api/v1/threads/{id}/replies")).isFalse();
    assertThat(Router.overlap("/api/v1/threads/{id}/replies", "/api/v1/documents/{id}/replies")).isFalse();
    assertThat(Router.overlap("/files/{id}.png", "/files/x")).as("a parameter within text may match anything").isTrue();
    assertThat(Router.overlap("/files/*", "/files/a/b")).as("a wildcard may span segments").isTrue();
  }

  @Test
  void aRouteTriedFirstPassesOnlyRoutesThatCannotMatchItsPaths() throws Exception {
    Router router = new Router()
        .post("/api/v1/notes/{id}", Access.ANYONE, ctx -> ctx.result("note"))
        .post("/api/v1/threads/mine/replies", Access.ANYONE, ctx -> ctx.result("mine"))
        .get("/api/v1/threads/{id}", Access.ANYONE, ctx -> ctx.result("thread"))
        .post("/api/v1/other", Access.ANYONE, ctx -> ctx.result("other"))
        .post("/api/v1/threads/{id}/replies", Access.ANYONE, ctx -> ctx.result("reply " + ctx.pathParam("id"))).tryFirst();
    assertThat(router.order()).containsExactly("POST /api/v1/notes/{id}", "POST /api/v1/threads/mine/replies",
        "POST /api/v1/threads/{id}/replies", "GET /api/v1/threads/{id}", "POST /api/v1/other");

    Javalin app = Javalin.create(config -> {
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      router.applyTo(config.routes);
    }).start();
    try (HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + app.port();
      java.util.function.Function<String, String> post = path -> {
        try {
          return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      assertThat(post.apply("/api/v1/threads/mine/replies")).as("the route declared before it still answers its path").isEqualTo("mine");
      assertThat(post.apply("/api/v1/threads/42/replies")).isEqualTo("reply 42");
      assertThat(post.apply("/api/v1/other")).isEqualTo("other");
    } finally {
      app.stop();
    }
  }
}
