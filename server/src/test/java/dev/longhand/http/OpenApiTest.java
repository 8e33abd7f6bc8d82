package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the route table describe the same API. */
class OpenApiTest {
  private final Longhand server = TestServers.get(Db.SQLITE);
  private final JsonNode doc = new Api(server.baseUrl(), null).get("/api/v1/openapi.json").json();

  @Test
  void documentIsServedAsOpenApi31() {
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
  }

  @Test
  void everyApiRouteIsDocumented() {
    List<String> missing = new ArrayList<>();
    for (RouteSpec r : server.routes()) {
      if (!r.api()) continue;
      if (!doc.path("paths").path(r.path()).has(r.method().toLowerCase(Locale.ROOT))) missing.add(r.method() + " " + r.path());
    }
    assertThat(missing).as("routes missing from openapi.json").isEmpty();
  }

  @Test
  void everyDocumentedOperationIsServed() {
    List<String> unserved = new ArrayList<>();
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
      boolean served = server.routes().stream()
          .anyMatch(r -> r.path().equals(p.getKey()) && r.method().equalsIgnoreCase(method));
      if (!served) unserved.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey());
    }));
    assertThat(unserved).as("documented but not served").isEmpty();
  }
}
