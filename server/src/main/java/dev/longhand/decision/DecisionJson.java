package dev.longhand.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the decision API answers, one record per shape in openapi.json: ids as strings, instants ISO-8601 UTC;
 * fields that do not apply are left out.
 */
final class DecisionJson {
  private DecisionJson() {}

  static String id(long id) {
    return String.valueOf(id);
  }

  static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  record Recorded(String id, int number, String status, String url) {}

  record Log(List<Summary> decisions) {}

  record SpaceRef(String id, String name) {}

  record Person(String id, String name, String handle) {
    static Person of(Decision.Person p) {
      return new Person(DecisionJson.id(p.id()), p.name(), p.handle());
    }
  }

  /** {@code DecisionSummary}: one line of a decision log. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Summary(String id, int number, String title, String status, SpaceRef space, Person owner, String revisitBy,
                 String createdAt, String updatedAt, String url) {
    static Summary of(Decision.Row r) {
      Decision d = r.decision();
      return new Summary(DecisionJson.id(d.id()), d.number(), d.title(), d.status().key(), new SpaceRef(DecisionJson.id(d.spaceId()), r.spaceName()),
          Person.of(r.owner()), d.revisitBy().map(Object::toString).orElse(null), DecisionJson.instant(d.createdAt()),
          DecisionJson.instant(d.updatedAt()), d.path());
    }
  }

  /** {@code Decision}: the summary's fields and the record itself, its links, its source and its history. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Detail(String id, int number, String title, String status, SpaceRef space, Person owner, String revisitBy,
                String createdAt, String updatedAt, String url, String workspaceId, String context, List<Option> options,
                String decision, String rationale, String consequences, Link supersedes, Link supersededBy, Source source,
                List<History> history) {
    static Detail of(Decision.Detail v) {
      Decision d = v.decision();
      Summary s = Summary.of(new Decision.Row(d, v.spaceName(), v.owner()));
      return new Detail(s.id(), s.number(), s.title(), s.status(), s.space(), s.owner(), s.revisitBy(), s.createdAt(),
          s.updatedAt(), s.url(), DecisionJson.id(d.workspaceId()), d.context(),
          d.options().stream().map(o -> new Option(o.title(), o.pros(), o.cons())).toList(), d.decision(), d.rationale(),
          d.consequences(), v.supersedes().map(Link::of).orElse(null), v.supersededBy().map(Link::of).orElse(null),
          v.origin().map(Source::of).orElse(null), v.history().stream().map(History::of).toList());
    }
  }

  record Option(String title, List<String> pros, List<String> cons) {}

  record Link(String id, int number, String title, String status, String url) {
    static Link of(Decision.Link l) {
      return new Link(DecisionJson.id(l.id()), l.number(), l.title(), l.status().key(), "/decisions/" + l.id());
    }
  }

  /** Where the decision came from; {@code title} and {@code url} only when the reader may read the source. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Source(String kind, String id, String title, String url) {
    static Source of(Decision.Origin o) {
      return new Source(o.source().kind(), DecisionJson.id(o.source().id()), o.title().orElse(null),
          o.title().isPresent() ? o.source().path() : null);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record History(String at, String action, Person by, List<Change> changes) {
    static History of(Decision.HistoryEntry h) {
      return new History(DecisionJson.instant(h.at()), h.action(), h.actor().map(Person::of).orElse(null),
          h.changes().stream().map(c -> new Change(c.field(), c.from(), c.to())).toList());
    }
  }

  record Change(String field, String from, String to) {}
}
