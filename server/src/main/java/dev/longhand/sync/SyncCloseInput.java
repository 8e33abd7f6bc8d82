package dev.longhand.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what notes and closing are given, from the API's JSON or a page's form, naming the field at fault as the
 * API documents it ({@code items[1].notes}, {@code asks[0].workingDays}). Shapes only; the services check the rest.
 */
final class SyncCloseInput {
  /** Blank rows the close form offers for decisions and asks. */
  static final int FORM_ROWS = 3;

  private SyncCloseInput() {}

  static JsonNode body(Context ctx, ObjectMapper json) {
    String text = ctx.body();
    if (text.isBlank()) throw Problem.invalid("body", "The request body must be a JSON object.");
    try {
      JsonNode node = json.readTree(text);
      if (!node.isObject()) throw Problem.invalid("body", "The request body must be a JSON object.");
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Problem.invalid("body", "The request body is not valid JSON.");
    }
  }

  /** {@code {items: [{agendaIndex, notes, revision?}]}}. */
  static List<SyncNotes.Save> saves(JsonNode body) {
    List<SyncNotes.Save> out = new ArrayList<>();
    JsonNode items = list(body, "items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String f = "items[" + i + "]";
      if (!item.isObject()) throw Problem.invalid(f, "Each item of 'items' must be an object.");
      JsonNode index = item.get("agendaIndex");
      if (index == null || !index.canConvertToInt() || !index.isIntegralNumber()) {
        throw Problem.invalid(f + ".agendaIndex", "'" + f + ".agendaIndex' is required: the agenda item's index, from 0.");
      }
      JsonNode notes = item.get("notes");
      if (notes == null || !notes.isTextual()) throw Problem.invalid(f + ".notes", "'" + f + ".notes' is required, as text (empty clears them).");
      JsonNode revision = item.get("revision");
      Optional<Integer> rev = Optional.empty();
      if (revision != null && !revision.isNull()) {
        if (!revision.isIntegralNumber() || !revision.canConvertToInt() || revision.asInt() < 0) {
          throw Problem.invalid(f + ".revision", "'" + f + ".revision' must be the revision the notes were written from (0 for none yet).");
        }
        rev = Optional.of(revision.asInt());
      }
      out.add(new SyncNotes.Save(index.asInt(), Input.requireNoNul(f + ".notes", notes.asText().replace("\r\n", "\n")), rev));
    }
    return out;
  }

  /** {@code {decisions: [{title, decision, rationale}], asks: [{assignee, text, workingDays}], noDecisionBecause?}}. */
  static SyncClosing.Outcome outcome(JsonNode body) {
    List<SyncClosing.DecisionDraft> decisions = new ArrayList<>();
    JsonNode ds = list(body, "decisions");
    for (int i = 0; i < ds.size(); i++) {
      JsonNode d = object(ds.get(i), "decisions[" + i + "]");
      decisions.add(new SyncClosing.DecisionDraft(text(d, "title", "decisions[" + i + "]"), text(d, "decision", "decisions[" + i + "]"),
          text(d, "rationale", "decisions[" + i + "]")));
    }
    List<SyncClosing.AskDraft> asks = new ArrayList<>();
    JsonNode as = list(body, "asks");
    for (int i = 0; i < as.size(); i++) {
      JsonNode a = object(as.get(i), "asks[" + i + "]");
      asks.add(new SyncClosing.AskDraft(text(a, "assignee", "asks[" + i + "]"), text(a, "text", "asks[" + i + "]"),
          text(a, "workingDays", "asks[" + i + "]")));
    }
    String because = text(body, "noDecisionBecause", "");
    return new SyncClosing.Outcome(decisions, asks, because == null ? "" : because);
  }

  /**
   * The close form as posted: its outcome (rows left blank are not outcomes), the values to show again, and which
   * row each listed decision and ask came from, so an error names the row it is about.
   */
  record Form(SyncClosing.Outcome outcome, Map<String, String> values, List<Integer> decisionRows, List<Integer> askRows) {
    /** The form field an error of the outcome is about: {@code decisions[1].title} of the second listed is row 2's. */
    String rowField(String field) {
      Matcher m = LISTED.matcher(field);
      if (!m.matches()) return field;
      List<Integer> rows = m.group(1).equals("decisions") ? decisionRows : askRows;
      int i = Integer.parseInt(m.group(2));
      return i < rows.size() ? m.group(1) + "[" + rows.get(i) + "]" + m.group(3) : field;
    }
  }

  private static final Pattern LISTED = Pattern.compile("(decisions|asks)\\[(\\d+)\\](.*)");

  /** The close form: rows {@code decision-title-0}, {@code ask-assignee-0}, ... and {@code noDecisionBecause}. */
  static Form form(Context ctx) {
    Input in = Input.ofForm(ctx);
    Map<String, String> values = new HashMap<>();
    List<SyncClosing.DecisionDraft> decisions = new ArrayList<>();
    List<SyncClosing.AskDraft> asks = new ArrayList<>();
    List<Integer> decisionRows = new ArrayList<>();
    List<Integer> askRows = new ArrayList<>();
    for (int i = 0; i < FORM_ROWS; i++) {
      String title = raw(in, "decision-title-" + i, values), decision = raw(in, "decision-text-" + i, values);
      String why = raw(in, "decision-rationale-" + i, values);
      if (!(title + decision + why).isBlank()) {
        decisions.add(new SyncClosing.DecisionDraft(title, decision, why));
        decisionRows.add(i);
      }
      String assignee = raw(in, "ask-assignee-" + i, values), text = raw(in, "ask-text-" + i, values);
      String days = raw(in, "ask-days-" + i, values);
      if (!text.isBlank()) {
        asks.add(new SyncClosing.AskDraft(assignee, text, days));
        askRows.add(i);
      }
    }
    String because = raw(in, "noDecisionBecause", values);
    return new Form(new SyncClosing.Outcome(decisions, asks, because), values, decisionRows, askRows);
  }

  private static String raw(Input in, String field, Map<String, String> values) {
    String v = in.rawText(field, 20_000);
    values.put(field, v);
    return v;
  }

  private static JsonNode list(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    if (!node.isArray()) throw Problem.invalid(field, "'" + field + "' must be a list.");
    return node;
  }

  private static JsonNode object(JsonNode node, String field) {
    if (!node.isObject()) throw Problem.invalid(field, "'" + field + "' must be an object.");
    return node;
  }

  /** A text (or a number, for ids and days) of an object; null when absent. */
  private static String text(JsonNode parent, String name, String prefix) {
    String field = prefix.isEmpty() ? name : prefix + "." + name;
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) return null;
    if (!node.isTextual() && !node.isNumber()) throw Problem.invalid(field, "'" + field + "' must be text.");
    return Input.requireNoNul(field, node.asText());
  }
}
