package dev.longhand.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the search API answers ({@code SearchResults} and {@code SearchHit} in {@code openapi/search.json}):
 * {@code hits} as before, in group order, each naming its {@code group}; {@code groups} in order with how many match
 * in each; the totals and paging; the query as understood. {@code threadId} only for replies.
 */
final class SearchJson {
  private SearchJson() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Hits(List<Hit> hits, List<Group> groups, long total, long totalHits, int offset, int limit, Integer nextOffset,
              Query query, boolean similarWords, String searchedFor) {
    static Hits of(SearchResults r) {
      return new Hits(r.hits().stream().map(Hit::of).toList(), r.groups().stream().map(Group::of).toList(), r.total(),
          r.totalHits(), r.offset(), r.limit(), r.nextOffset().orElse(null), Query.of(r.query()), r.similarWords().isPresent(),
          r.similarWords().orElse(null));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Hit(String kind, String id, String threadId, String title, String snippet, String spaceId, Author author,
             String createdAt, String url, String group) {
    static Hit of(SearchHit h) {
      return new Hit(h.kind(), String.valueOf(h.id()), h.threadId() != 0 ? String.valueOf(h.threadId()) : null, h.title(),
          h.snippet(), String.valueOf(h.spaceId()), new Author(String.valueOf(h.author().id()), h.author().name(),
          h.author().handle()), Instant.ofEpochMilli(h.createdAt()).toString(), h.url(), h.group());
    }
  }

  record Author(String id, String name, String handle) {}

  record Group(String url, String title, String kind, String spaceId, int matches, int shown) {
    static Group of(SearchResults.Group g) {
      return new Group(g.url(), g.title(), g.kind(), String.valueOf(g.spaceId()), g.matches(), g.hits().size());
    }
  }

  record Query(String words, List<Operator> operators) {
    static Query of(SearchQuery q) {
      return new Query(q.words(), q.operators().stream().map(o -> new Operator(o.name(), o.value())).toList());
    }
  }

  record Operator(String name, String value) {}
}
