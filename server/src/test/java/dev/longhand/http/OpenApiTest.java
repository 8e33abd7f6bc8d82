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

  /** Every object schema is closed, so an undocumented field in an answer fails validation instead of passing silently. */
  @Test
  void everyObjectSchemaIsClosed() {
    List<String> open = new ArrayList<>();
    walk(doc, "#", (node, where) -> {
      if (!isObjectSchema(node)) return;
      JsonNode additional = node.path("additionalProperties");
      boolean closed = additional.isBoolean() && !additional.asBoolean()
          || additional.isObject() && !additional.isEmpty()
          || node.path("unevaluatedProperties").isBoolean() && !node.path("unevaluatedProperties").asBoolean()
          || where.startsWith("#/components/schemas/OpenApiDocument/") && node.has("x-longhand-open");
      if (!closed) open.add(where);
    });
    assertThat(open).as("object schemas without additionalProperties: false").isEmpty();
  }

  /**
   * Every operation says what it answers: each response either has no body, or names its content types, and each
   * JSON content (application/json, problem+json) has a schema; errors answer the shared Problem (or one built on
   * it) as problem+json, media's 416 alone in plain text; every JSON request body has a schema.
   */
  @Test
  void everyOperationDocumentsItsAnswers() {
    List<String> missing = new ArrayList<>();
    doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      String name = op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
      JsonNode responses = op.getValue().path("responses");
      if (responses.isEmpty()) missing.add(name + ": no responses");
      boolean success = false;
      for (var r : responses.properties()) {
        JsonNode response = resolve(r.getValue());
        if (r.getKey().startsWith("2")) success = true;
        for (var c : response.path("content").properties()) {
          boolean json = c.getKey().equals("application/json") || c.getKey().endsWith("+json");
          if (json && !c.getValue().has("schema")) missing.add(name + " " + r.getKey() + " " + c.getKey() + ": no schema");
        }
        // Errors in JSON are problem+json; media's 416 speaks plain text to players; a load balancer reads
        // /health/ready's 503 as the same Health body as its 200.
        if (r.getKey().matches("[45]..") && !p.getKey().equals("/health/ready")) {
          JsonNode content = response.path("content");
          if (content.has("application/json")) missing.add(name + " " + r.getKey() + ": an error as application/json");
          JsonNode problem = content.path("application/problem+json").path("schema");
          boolean plain = content.size() == 1 && content.has("text/plain");
          if (problem.isMissingNode() && !plain) missing.add(name + " " + r.getKey() + ": not answered as application/problem+json");
          else if (!problem.isMissingNode() && !isProblem(problem)) missing.add(name + " " + r.getKey() + ": not the Problem shape");
        }
      }
      if (!success) missing.add(name + ": no success response");
      for (var c : op.getValue().path("requestBody").path("content").properties()) {
        if (c.getKey().equals("application/json") && !c.getValue().has("schema")) missing.add(name + " request: no schema");
      }
    }));
    assertThat(missing).isEmpty();
  }

  /** The shared Problem, one built on it (its fields required), or a choice among such. */
  private boolean isProblem(JsonNode schema) {
    JsonNode resolved = resolve(schema);
    if (resolved.has("oneOf")) {
      for (JsonNode choice : resolved.path("oneOf")) if (!isProblem(choice)) return false;
      return true;
    }
    JsonNode required = resolved.path("required");
    return required.toString().contains("\"status\"") && required.toString().contains("\"title\"");
  }

  private JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) node = doc.at(node.path("$ref").asText().substring(1));
    return node;
  }

  private static boolean isObjectSchema(JsonNode node) {
    JsonNode type = node.path("type");
    boolean typedObject = type.asText().equals("object")
        || type.isArray() && type.toString().contains("\"object\"");
    return typedObject || node.path("properties").isObject() && !node.has("in");
  }

  private static void walk(JsonNode node, String where, java.util.function.BiConsumer<JsonNode, String> visit) {
    if (node.isObject()) {
      visit.accept(node, where);
      node.properties().forEach(e -> walk(e.getValue(), where + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), visit));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(node.get(i), where + "/" + i, visit);
    }
  }
}
