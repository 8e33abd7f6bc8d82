package dev.longhand.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a decision {@link Decision.Draft} from the API's JSON or from the decision form. Only the shape is read
 * here (lists are lists, text is text); what the values mean is checked by the service, which names the field.
 */
final class DecisionInput {
  static final int TITLE_MAX = 200;
  static final int TEXT_MAX = 20_000;
  static final int LINE_MAX = 500;
  static final int OPTIONS_MAX = 20;
  /** How many option slots the form shows at least. */
  static final int FORM_OPTIONS = 3;

  private DecisionInput() {}

  /** The JSON body of a new decision or a change: absent fields are null (kept, for a change). */
  static Decision.Draft fromJson(JsonNode body) {
    Input in = Input.ofJson(body);
    List<Decision.Option> options = body.has("options") && !body.get("options").isNull() ? options(in) : null;
    String revisit = body.has("revisitBy") ? (body.get("revisitBy").isNull() ? "" : in.optionalText("revisitBy", 40).orElse("")) : null;
    Decision.Source source = in.object("source").map(DecisionInput::source).orElse(null);
    return new Decision.Draft(raw(in, "title"), raw(in, "context"), options, raw(in, "decision"), raw(in, "rationale"),
        raw(in, "consequences"), raw(in, "status"), raw(in, "owner"), revisit, raw(in, "supersedes"), source);
  }

  private static List<Decision.Option> options(Input in) {
    List<Input> items = in.objects("options");
    List<Decision.Option> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Input o = items.get(i);
      String field = "options[" + i + "]";
      out.add(new Decision.Option(o.optionalText("title", Integer.MAX_VALUE).orElse(""), lines(o, "pros", field), lines(o, "cons", field)));
    }
    return out;
  }

  private static List<String> lines(Input o, String list, String field) {
    try {
      return o.strings(list).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (Problem p) {
      throw Problem.invalid(field + "." + list, "'" + field + "." + list + "' must be a list of texts, one " + list.substring(0, 3) + " each.");
    }
  }

  private static Decision.Source source(Input s) {
    String kind = s.optionalText("kind", 20).orElse("");
    if (!DecisionSources.KINDS.contains(kind)) throw Problem.invalid("source.kind", "'source.kind' must be thread or document.");
    long id = Ids.parse(s.optionalText("id", 40).orElse(""));
    if (id < 0) throw Problem.invalid("source.id", "'source.id' must be the id of a " + kind + " you can read.");
    return new Decision.Source(kind, id);
  }

  /** The decision form: options are numbered fields with one pro or con per line. */
  static Decision.Draft fromForm(Context ctx) {
    List<Decision.Option> options = new ArrayList<>();
    for (int i = 0; i < OPTIONS_MAX + FORM_OPTIONS; i++) {
      String title = ctx.formParam("option." + i + ".title");
      if (title == null) break;
      List<String> pros = split(ctx.formParam("option." + i + ".pros"));
      List<String> cons = split(ctx.formParam("option." + i + ".cons"));
      if (title.isBlank() && pros.isEmpty() && cons.isEmpty()) continue;
      options.add(new Decision.Option(title.strip(), pros, cons));
    }
    String sourceThread = ctx.formParam("sourceThread");
    String sourceDocument = ctx.formParam("sourceDocument");
    Decision.Source source = sourceThread != null && Ids.parse(sourceThread) >= 0 ? new Decision.Source("thread", Ids.parse(sourceThread))
        : sourceDocument != null && Ids.parse(sourceDocument) >= 0 ? new Decision.Source("document", Ids.parse(sourceDocument)) : null;
    return new Decision.Draft(form(ctx, "title"), form(ctx, "context"), options, form(ctx, "decision"), form(ctx, "rationale"),
        form(ctx, "consequences"), form(ctx, "status"), form(ctx, "owner"), formOrEmpty(ctx, "revisitBy"), form(ctx, "supersedes"), source);
  }

  static List<String> split(String text) {
    if (text == null) return List.of();
    return Arrays.stream(text.split("\\R")).map(String::strip).map(s -> s.startsWith("- ") ? s.substring(2).strip() : s)
        .filter(s -> !s.isEmpty()).toList();
  }

  private static String raw(Input in, String field) {
    return in.has(field) ? in.optionalText(field, Integer.MAX_VALUE).orElse("") : null;
  }

  private static String form(Context ctx, String field) {
    String v = ctx.formParam(field);
    return v == null ? null : v.replace("\r\n", "\n").strip();
  }

  private static String formOrEmpty(Context ctx, String field) {
    String v = form(ctx, field);
    return v == null ? "" : v;
  }
}
