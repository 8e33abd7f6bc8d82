package dev.longhand.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's input, from a JSON body (API) or a form (pages), read the same way. Every accessor
 * that fails names the field, so the client learns exactly what to fix.
 */
public final class Input {
  private static final ObjectMapper NUL_READER = new ObjectMapper();
  private final JsonNode json;
  private final Context form;

  private Input(JsonNode json, Context form) {
    this.json = json;
    this.form = form;
  }

  public static Input of(Context ctx, ObjectMapper mapper) {
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      return new Input(null, ctx);
    }
    String body = ctx.body();
    if (body.isBlank()) return new Input(NullNode.getInstance(), null);
    try {
      JsonNode node = mapper.readTree(body);
      if (!node.isObject()) throw Problem.invalid("body", "The request body must be a JSON object.");
      return new Input(node, null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Problem.invalid("body", "The request body is not valid JSON.");
    }
  }

  /**
   * Refuses text with a NUL character (U+0000) anywhere it enters as text: query parameters, form fields and the
   * strings of a JSON body, naming the field. PostgreSQL cannot store it in text at all (it answered 500), and SQLite
   * would keep it; refusing it on the way in answers the same 400 on both. Multipart uploads are streamed by their
   * handler and check their own small fields; raw caption text checks itself.
   */
  public static void refuseNul(Context ctx) {
    String query = ctx.queryString();
    if (query != null && (query.contains("%00") || query.indexOf('\0') >= 0)) { // else no parameter can hold one
      ctx.queryParamMap().forEach((name, values) -> values.forEach(v -> requireNoNul(name, v)));
    }
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      ctx.formParamMap().forEach((name, values) -> values.forEach(v -> requireNoNul(name, v)));
    } else if (type.startsWith("application/json")) {
      byte[] body = ctx.bodyAsBytes(); // kept by Javalin for the handler: scanned here without decoding it
      if (mayHoldNul(body)) {
        try {
          nulField(NUL_READER.readTree(body), "body").ifPresent(f -> requireNoNul(f, "\0"));
        } catch (java.io.IOException e) {
          // not JSON: the handler says so, naming the body
        }
      }
    }
  }

  /** Whether a JSON text has the only way JSON writes a NUL, the escape {@code \\u0000}; false for nearly every body. */
  private static boolean mayHoldNul(byte[] json) {
    for (int i = 0; i + 5 < json.length; i++) {
      if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0' && json[i + 5] == '0') {
        return true;
      }
    }
    return false;
  }

  /** Refuses a text with a NUL character in it, naming the field. */
  public static String requireNoNul(String field, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw Problem.invalid(field, "'" + field + "' must not contain a NUL character (U+0000).");
    }
    return value;
  }

  /** The name of the first field whose text (or a key) holds a NUL, innermost name first. */
  private static Optional<String> nulField(JsonNode node, String name) {
    if (node.isTextual()) return node.asText().indexOf('\0') >= 0 ? Optional.of(name) : Optional.empty();
    if (node.isArray()) {
      for (JsonNode item : node) {
        Optional<String> found = nulField(item, name);
        if (found.isPresent()) return found;
      }
    } else if (node.isObject()) {
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().indexOf('\0') >= 0) return Optional.of(name);
        Optional<String> found = nulField(e.getValue(), e.getKey());
        if (found.isPresent()) return found;
      }
    }
    return Optional.empty();
  }

  /** A page's form post. */
  public static Input ofForm(Context ctx) {
    return new Input(null, ctx);
  }

  public static Input ofJson(JsonNode node) {
    return new Input(node, null);
  }

  /** An instant written with an offset ({@code 2026-12-01T15:00:00Z}, {@code 2026-12-01T16:00+01:00}); bad text names the field. */
  public static java.time.Instant instant(String field, String raw) {
    try {
      return java.time.OffsetDateTime.parse(raw == null ? "" : raw.strip()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.invalid(field, "'" + field + "' must be an instant with an offset, such as 2026-12-01T15:00:00Z.");
    }
  }

  /**
   * A calendar day ({@code 2026-12-24}) from year 1 to 9999; bad text names the field. ISO dates
   * may carry a sign and six digits, which would overflow any instant made from them.
   */
  public static java.time.LocalDate date(String field, String raw) {
    java.time.LocalDate date;
    try {
      date = java.time.LocalDate.parse(raw == null ? "" : raw.strip());
    } catch (java.time.format.DateTimeParseException e) {
      date = null;
    }
    if (date == null || date.getYear() < 1 || date.getYear() > 9999) {
      throw Problem.invalid(field, "'" + field + "' must be a date such as 2026-12-24.");
    }
    return date;
  }

  /** An ISO-8601 duration ({@code PT16H}, {@code P1D}); bad text names the field. */
  public static java.time.Duration duration(String field, String raw) {
    try {
      return java.time.Duration.parse(raw == null ? "" : raw.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.invalid(field, "'" + field + "' must be an ISO-8601 duration such as PT16H or PT90M.");
    }
  }

  /** A required text field, trimmed, at most {@code maxLength} characters. */
  public String text(String field, int maxLength) {
    return optionalText(field, maxLength).orElseThrow(() -> Problem.invalid(field, "'" + field + "' is required."));
  }

  public Optional<String> optionalText(String field, int maxLength) {
    String value = raw(field);
    if (value == null) return Optional.empty();
    String trimmed = value.strip();
    if (trimmed.isEmpty()) return Optional.empty();
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      throw Problem.invalid(field, "'" + field + "' must be at most " + maxLength + " characters.");
    }
    return Optional.of(trimmed);
  }

  /** Text kept as written (for Markdown bodies), but never empty. */
  public String body(String field, int maxLength) {
    String value = raw(field);
    if (value == null || value.isBlank()) throw Problem.invalid(field, "'" + field + "' is required.");
    if (value.length() > maxLength) throw Problem.invalid(field, "'" + field + "' must be at most " + maxLength + " characters.");
    return value.replace("\r\n", "\n");
  }

  /** Text kept exactly as written (a draft, white space and all); empty when absent. */
  public String rawText(String field, int maxLength) {
    String value = raw(field);
    if (value == null) return "";
    if (value.length() > maxLength) throw Problem.invalid(field, "'" + field + "' must be at most " + maxLength + " characters.");
    return value.replace("\r\n", "\n");
  }

  public String oneOf(String field, List<String> allowed, String fallback) {
    Optional<String> v = optionalText(field, 40);
    if (v.isEmpty()) {
      if (fallback != null) return fallback;
      throw Problem.invalid(field, "'" + field + "' is required: one of " + String.join(", ", allowed) + ".");
    }
    String value = v.get().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(value)) {
      throw Problem.invalid(field, "'" + field + "' must be one of " + String.join(", ", allowed) + ", not '" + v.get() + "'.");
    }
    return value;
  }

  /** A list of objects (JSON only); an absent field is an empty list. */
  public List<Input> objects(String field) {
    if (json == null) return List.of();
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw Problem.invalid(field, "'" + field + "' must be a list.");
    List<Input> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isObject()) throw Problem.invalid(field, "Each item of '" + field + "' must be an object.");
      out.add(new Input(item, null));
    }
    return out;
  }

  /** A list of texts (JSON only); an absent field is an empty list. */
  public List<String> strings(String field) {
    if (json == null) return List.of();
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw Problem.invalid(field, "'" + field + "' must be a list.");
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) throw Problem.invalid(field, "Each item of '" + field + "' must be text.");
      out.add(requireNoNul(field, item.asText()));
    }
    return out;
  }

  /** A nested object (JSON only), read the same way; absent or null is empty. */
  public Optional<Input> object(String field) {
    if (json == null || json.isNull()) return Optional.empty();
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return Optional.empty();
    if (!node.isObject()) throw Problem.invalid(field, "'" + field + "' must be an object.");
    return Optional.of(new Input(node, null));
  }

  public boolean has(String field) {
    return raw(field) != null;
  }

  /** Whether the field was sent at all, even as JSON {@code null} (which may mean "turn off"). */
  public boolean present(String field) {
    if (form != null) return form.formParam(field) != null;
    return json != null && json.has(field);
  }

  private String raw(String field) {
    return requireNoNul(field, rawUnchecked(field));
  }

  private String rawUnchecked(String field) {
    if (form != null) return form.formParam(field);
    if (json == null || json.isNull()) return null;
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return null;
    if (node.isTextual()) return node.asText();
    if (node.isNumber() || node.isBoolean()) return node.asText();
    throw Problem.invalid(field, "'" + field + "' must be text.");
  }
}
