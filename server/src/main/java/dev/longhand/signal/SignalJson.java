package dev.longhand.signal;

import java.util.List;

/** The JSON of {@code GET /api/v1/threads/{id}/signals} and of a dismissal: ids as strings; {@code suggestion} null when none. */
final class SignalJson {
  private SignalJson() {}

  record Signals(List<Item> signals, Suggestion suggestion) {
    static Signals of(Signal.View v) {
      return new Signals(v.signals().stream().map(Item::of).toList(),
          v.suggestion() == null ? null : new Suggestion(v.suggestion().kind(), v.suggestion().reasons()));
    }
  }

  record Item(String id, double score, String explanation, List<Evidence> evidence) {
    static Item of(Signal s) {
      return new Item(s.id(), s.score(), s.explanation(),
          s.evidence().stream().map(e -> new Evidence(String.valueOf(e.replyId()), e.text())).toList());
    }
  }

  record Evidence(String replyId, String text) {}

  record Suggestion(String kind, List<String> reasons) {}
}
