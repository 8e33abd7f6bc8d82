package dev.longhand.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The RFC 9457 body of a {@link Problem} as the API answers it ({@code application/problem+json}); {@code field}
 * is present only for input at fault. Documented as {@code Problem} in openapi.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(String type, String title, int status, String detail, String field, String instance) {
  static ProblemBody of(Problem p, String instance) {
    return new ProblemBody(p.type(), p.title(), p.status(), p.detail(), p.field().orElse(null), instance);
  }
}
