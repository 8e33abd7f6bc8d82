package dev.longhand.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The served OpenAPI document as a checker of answers: every response a test receives through {@link Api} is
 * held against the operation it came from (method and path template), the response for its status (or
 * {@code default}) and the schema for its content type, with networknt's validator in the OpenAPI 3.1
 * dialect. An answer that does not validate, a JSON answer with no documented schema, or a status the
 * operation does not document fails the test. Non-JSON answers (media, calendars, pages) are checked for a
 * documented status and content type only. Paths that match no documented template are not checked here:
 * {@code OpenApiTest} holds the route table and the document together.
 */
public final class ApiContract {
  private static final String DOCUMENT_PATH = "/api/v1/openapi.json";
  private static final String DOCUMENT_IRI = "https://longhand.invalid/api/v1/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, ApiContract> BY_SERVER = new ConcurrentHashMap<>();
  /**
   * Contracts by the document's text: every server of a run serves the same document, and one parsed registry each
   * (kept for the run) was what ran the 3 GB test JVM out of heap once the suite started some 150 servers.
   */
  private static final Map<String, ApiContract> BY_DOCUMENT = new ConcurrentHashMap<>();

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<Integer, List<Template>> templates;

  private ApiContract(String text) {
    try {
      this.document = JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the served OpenAPI document is not JSON", e);
    }
    this.templates = templates(document);
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
        b -> b.schemas(Map.of(DOCUMENT_IRI, text)));
  }

  /** A contract read from a document's text (for testing the checker itself). */
  static ApiContract fromText(String document) {
    return new ApiContract(document);
  }

  /** The contract served by the server at {@code base}, fetched once per server. */
  public static ApiContract of(String base) {
    return BY_SERVER.computeIfAbsent(base, b -> BY_DOCUMENT.computeIfAbsent(fetch(b), ApiContract::new));
  }

  private static String fetch(String base) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + DOCUMENT_PATH)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new AssertionError(DOCUMENT_PATH + " answered " + r.statusCode());
      return r.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fails with an {@link AssertionError} naming the request, status and problems when the answer breaks the document.
   * With the system property {@code longhand.contract.survey} set to a file, the failures are appended there instead,
   * so one run lists all drift at once (for whoever is mending the document).
   */
  public void check(String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
    String survey = System.getProperty("longhand.contract.survey");
    if (survey == null) {
      checkOrFail(method, pathAndQuery, status, contentType, body);
      return;
    }
    try {
      checkOrFail(method, pathAndQuery, status, contentType, body);
    } catch (AssertionError e) {
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of(survey), e.getMessage() + "\n",
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException io) {
        throw new java.io.UncheckedIOException(io);
      }
    }
  }

  private void checkOrFail(String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
    String path = pathAndQuery.split("[?#]", 2)[0];
    Optional<String> template = templateFor(path);
    if (template.isEmpty()) return;
    String m = method.toLowerCase(Locale.ROOT);
    JsonNode operation = document.path("paths").path(template.get()).path(m);
    String where = method + " " + pathAndQuery + " (" + template.get() + ") answered " + status;
    if (operation.isMissingNode()) {
      if (status == 404 || status == 405) return; // no such operation: the server says so, as documented routes' neighbours do
      throw new AssertionError(where + ": the operation is not documented");
    }
    String statusKey = String.valueOf(status);
    JsonNode responses = operation.path("responses");
    String responsePointer = "/paths/" + escape(template.get()) + "/" + m + "/responses/" + statusKey;
    JsonNode response = responses.path(statusKey);
    if (response.isMissingNode()) {
      response = responses.path("default");
      responsePointer = "/paths/" + escape(template.get()) + "/" + m + "/responses/default";
    }
    if (response.isMissingNode()) throw new AssertionError(where + ": status not documented; documented: " + names(responses));
    if (response.has("$ref")) {
      responsePointer = response.path("$ref").asText().substring(1);
      response = document.at(responsePointer);
    }
    if (body.isEmpty()) return; // no content (204 and the like): whatever type the framework names, nothing to check
    String type = contentType.map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    JsonNode content = response.path("content");
    Optional<String> documented = mediaRange(content, type);
    if (documented.isEmpty()) {
      throw new AssertionError(where + ": content type '" + type + "' not documented; documented: " + names(content));
    }
    if (!isJson(type)) return;
    JsonNode schemaNode = content.path(documented.get()).path("schema");
    if (schemaNode.isMissingNode()) throw new AssertionError(where + ": a JSON answer with no documented schema");
    String pointer = responsePointer + "/content/" + escape(documented.get()) + "/schema";
    Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + encode(p))));
    List<Error> errors = schema.validate(body, InputFormat.JSON);
    if (!errors.isEmpty()) {
      throw new AssertionError(where + ": the answer does not match " + pointer + "\n  "
          + errors.stream().map(Error::toString).collect(Collectors.joining("\n  ")) + "\n  body: " + abbreviate(body));
    }
  }

  /** The documented template for a concrete path, literal segments beating parameters. */
  Optional<String> templateFor(String path) {
    String[] segments = path.split("/", -1);
    String best = null;
    int bestParams = Integer.MAX_VALUE;
    for (Template candidate : templates.getOrDefault(segments.length, List.of())) {
      int params = 0;
      boolean matches = true;
      for (int i = 0; i < candidate.parts().length && matches; i++) {
        String part = candidate.parts()[i];
        if (part == null) {
          params++;
          matches = !segments[i].isEmpty();
        } else {
          matches = part.equals(segments[i]);
        }
      }
      if (matches && params < bestParams) {
        best = candidate.path();
        bestParams = params;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A documented path cut at its slashes, a parameter ({@code {id}}) as null. */
  private record Template(String path, String[] parts) {}

  /**
   * The documented paths by their number of segments, cut once: cutting every path of the document for every answer
   * a test received was 2% of the test JVMs' CPU.
   */
  private static Map<Integer, List<Template>> templates(JsonNode document) {
    Map<Integer, List<Template>> bySegments = new java.util.HashMap<>();
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String path = it.next();
      String[] parts = path.split("/", -1);
      for (int i = 0; i < parts.length; i++) if (parts[i].startsWith("{") && parts[i].endsWith("}")) parts[i] = null;
      bySegments.computeIfAbsent(parts.length, n -> new ArrayList<>()).add(new Template(path, parts));
    }
    return bySegments;
  }

  private static Optional<String> mediaRange(JsonNode content, String type) {
    if (content.has(type)) return Optional.of(type);
    String family = type.contains("/") ? type.substring(0, type.indexOf('/')) + "/*" : type;
    if (content.has(family)) return Optional.of(family);
    if (content.has("*/*")) return Optional.of("*/*");
    return Optional.empty();
  }

  static boolean isJson(String type) {
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** A JSON pointer as an IRI fragment: the braces of path templates and other reserved characters percent-encoded. */
  private static String encode(String pointer) {
    StringBuilder out = new StringBuilder();
    for (char c : pointer.toCharArray()) {
      if (Character.isLetterOrDigit(c) || "/~-._".indexOf(c) >= 0) out.append(c);
      else out.append('%').append(String.format("%02X", (int) c));
    }
    return out.toString();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String abbreviate(String body) {
    return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
  }
}
