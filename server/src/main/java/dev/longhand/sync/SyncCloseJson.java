package dev.longhand.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of a session's notes and closing, one record per shape in {@code openapi/sync-close.json}: ids as strings,
 * instants ISO-8601 UTC; fields that do not apply are left out.
 */
final class SyncCloseJson {
  private SyncCloseJson() {}

  record Person(String id, String name) {}

  /** {@code SyncNoteItem}: an agenda item and its notes; {@code updatedBy}/{@code updatedAt} once someone wrote them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Item(int agendaIndex, String agendaItem, String notes, int revision, Person updatedBy, String updatedAt) {
    static Item of(SyncNotes.Item i) {
      return new Item(i.index(), i.agendaItem(), i.notes(), i.revision(),
          i.updatedBy() == 0 ? null : new Person(String.valueOf(i.updatedBy()), i.updatedByName()),
          i.updatedAt() == 0 ? null : Instant.ofEpochMilli(i.updatedAt()).toString());
    }
  }

  /** {@code SyncDecisionLink}: a decision the closing recorded. */
  record DecisionLink(String id, int number, String title, String url) {}

  /** {@code SyncClosing}: how the session was closed; {@code replyId} when the summary is a reply, {@code noDecisionBecause} when given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Closing(String closedAt, Person closedBy, String threadId, String replyId, String summaryUrl, List<DecisionLink> decisions,
                 String noDecisionBecause) {
    static Closing of(SyncClosing.Closed c) {
      return new Closing(Instant.ofEpochMilli(c.closedAt()).toString(), new Person(String.valueOf(c.closedBy()), c.closedByName()),
          String.valueOf(c.threadId()), c.replyId() == 0 ? null : String.valueOf(c.replyId()), c.summaryPath(),
          c.decisions().stream().map(d -> new DecisionLink(String.valueOf(d.id()), d.number(), d.title(), "/decisions/" + d.id())).toList(),
          c.noDecisionBecause().isEmpty() ? null : c.noDecisionBecause());
    }
  }

  /** {@code SyncNotes}: the notes of every agenda item, what the reader may do, and how the session was closed once it was. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Notes(String sessionId, String status, boolean mayWrite, boolean mayClose, List<Item> items, Closing closing) {
    static Notes of(SyncNotes.Sheet s, Closing closing) {
      return new Notes(String.valueOf(s.session().id()), s.session().status().key(), s.mayWrite(), s.mayClose(),
          s.items().stream().map(Item::of).toList(), closing);
    }
  }

  /** {@code SyncClosed}: what closing wrote. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Closed(String sessionId, String threadId, String replyId, List<String> decisionIds, String summaryUrl) {
    static Closed of(SyncClosing.Result r) {
      return new Closed(String.valueOf(r.sessionId()), String.valueOf(r.threadId()), r.replyId() == 0 ? null : String.valueOf(r.replyId()),
          r.decisionIds().stream().map(String::valueOf).toList(), r.summaryPath());
    }
  }
}
