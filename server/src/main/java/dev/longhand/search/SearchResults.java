package dev.longhand.search;

import java.util.List;
import java.util.Optional;

/**
 * One page of a search's results, grouped by the page each hit is on: a thread with its matching replies, a
 * document with its comments, a recording with its transcript and comments; the best group first (or the newest,
 * for a search by operators alone).
 *
 * @param query the words and operators as understood
 * @param groups this page's groups
 * @param total how many groups match in all
 * @param totalHits how many documents match in all
 * @param similarWords when the words as typed found little, the similar words searched for instead
 */
public record SearchResults(SearchQuery query, List<Group> groups, long total, long totalHits, int offset, int limit,
    Optional<String> similarWords) {

  /**
   * Hits on one page: {@code url} is the page, {@code matches} how many of its documents match (at most the best
   * {@link SearchService#HITS_PER_GROUP} are in {@code hits}, best first).
   */
  public record Group(String url, String title, String kind, long spaceId, int matches, List<SearchHit> hits) {
    /** Matches not shown under the group. */
    public int more() {
      return matches - hits.size();
    }
  }

  public SearchResults {
    groups = List.copyOf(groups);
  }

  static SearchResults none(SearchQuery query, int offset, int limit) {
    return new SearchResults(query, List.of(), 0, 0, offset, limit, Optional.empty());
  }

  /** Every hit of this page, group by group. */
  public List<SearchHit> hits() {
    return groups.stream().flatMap(g -> g.hits().stream()).toList();
  }

  /** The offset of the next page, when there is one. */
  public Optional<Integer> nextOffset() {
    return offset + groups.size() < total && offset + limit <= SearchService.MAX_OFFSET
        ? Optional.of(offset + limit) : Optional.empty();
  }

  /** The offset of the previous page, when this is not the first. */
  public Optional<Integer> previousOffset() {
    return offset > 0 ? Optional.of(Math.max(0, offset - limit)) : Optional.empty();
  }
}
