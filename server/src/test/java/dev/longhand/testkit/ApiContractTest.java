package dev.longhand.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker every API test relies on fails on drift, and only on drift. */
class ApiContractTest {
  private static final String DOCUMENT = """
      {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
       "paths": {
         "/api/v1/threads/{id}": {"get": {"responses": {
           "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thread"}}}},
           "404": {"$ref": "#/components/responses/NotFound"}}}},
         "/api/v1/threads/mine": {"get": {"responses": {
           "200": {"description": "ok", "content": {"application/json": {}}}}}},
         "/api/v1/recordings/{id}/media": {"get": {"responses": {
           "200": {"description": "ok", "content": {"audio/*": {}}}}}}},
       "components": {
         "responses": {"NotFound": {"description": "no", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
         "schemas": {
           "Thread": {"type": "object", "properties": {"id": {"type": "string", "pattern": "^[0-9]+$"}, "title": {"type": "string"}},
             "required": ["id", "title"], "additionalProperties": false},
           "Problem": {"type": "object", "properties": {"status": {"type": "integer"}, "title": {"type": "string"}},
             "required": ["status"], "additionalProperties": false}}}}
      """;
  private final ApiContract contract = ApiContract.fromText(DOCUMENT);
  private static final Optional<String> JSON = Optional.of("application/json; charset=utf-8");

  @Test
  void aDocumentedAnswerPasses() {
    assertThatCode(() -> contract.check("GET", "/api/v1/threads/12?x=1", 200, JSON, "{\"id\":\"12\",\"title\":\"Launch\"}"))
        .doesNotThrowAnyException();
    assertThatCode(() -> contract.check("GET", "/api/v1/threads/12", 404, Optional.of("application/problem+json"),
        "{\"status\":404,\"title\":\"Not found\"}")).doesNotThrowAnyException();
  }

  @Test
  void anUndocumentedFieldFailsNamingThePathAndStatus() {
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/threads/12", 200, JSON,
        "{\"id\":\"12\",\"title\":\"Launch\",\"workspaceId\":\"3\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /api/v1/threads/12 (/api/v1/threads/{id}) answered 200")
        .hasMessageContaining("workspaceId");
  }

  @Test
  void aWrongTypeFails() {
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/threads/12", 200, JSON, "{\"id\":12,\"title\":\"Launch\"}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void anUndocumentedStatusFails() {
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/threads/12", 409, Optional.of("application/problem+json"),
        "{\"status\":409,\"title\":\"Conflict\"}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("status not documented");
  }

  @Test
  void aJsonAnswerWithoutASchemaFails() {
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/threads/mine", 200, JSON, "{}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no documented schema");
  }

  @Test
  void literalSegmentsBeatParameters() {
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/threads/mine", 200, JSON, "{\"id\":\"1\",\"title\":\"t\"}"))
        .hasMessageContaining("(/api/v1/threads/mine)");
  }

  @Test
  void nonJsonAnswersAreCheckedForTheirTypeOnly() {
    assertThatCode(() -> contract.check("GET", "/api/v1/recordings/5/media", 200, Optional.of("audio/mpeg"), "ID3..."))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/recordings/5/media", 200, Optional.of("text/html"), "<p>"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("content type 'text/html' not documented");
  }

  @Test
  void emptyAnswersAndUndocumentedPathsAreLeftAlone() {
    assertThatCode(() -> contract.check("GET", "/api/v1/threads/12", 200, Optional.of("text/plain"), ""))
        .doesNotThrowAnyException();
    assertThatCode(() -> contract.check("GET", "/threads/12", 200, Optional.of("text/html"), "<p>"))
        .doesNotThrowAnyException();
  }
}
