package dev.longhand.search;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text search over everything the {@link SearchSource}s index (threads, replies, ...), ranked by BM25, showing only what the reader may
 * read: the query is always filtered to the spaces the reader can see right now, worked out from
 * the database on each search, so a lost membership takes effect at once and nothing from another
 * workspace or a private space can appear.
 *
 * <p>Queries use the simple syntax people expect ({@code "exact phrase"}, {@code -word},
 * {@code deploy*}, {@code a | b}); it has no syntax errors, so no query string fails.
 */
public final class SearchService {
  public static final int MAX_QUERY_LENGTH = 200;
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 50;
  private static final Map<String, Float> FIELDS = Map.of(SearchIndex.TITLE_TEXT, 2f, SearchIndex.BODY, 1f);
  private static final Set<String> STORED = Set.of(SearchIndex.ID, SearchIndex.KIND, SearchIndex.THREAD_ID,
      SearchIndex.SPACE_ID, SearchIndex.AUTHOR_ID, SearchIndex.TITLE, SearchIndex.CREATED_AT, SearchIndex.URL);

  private final Database db;
  private final SearchIndex index;
  private final WorkspaceService workspaces;
  private final SearchStore store = new SearchStore();

  public SearchService(Database db, SearchIndex index, WorkspaceService workspaces) {
    this.db = db;
    this.index = index;
    this.workspaces = workspaces;
  }

  /**
   * The best hits for {@code query} that the reader may see, optionally only in one space
   * (which must be one they can read, else "not found") or by one author (an account id or
   * a handle; someone unknown simply has no posts).
   */
  public List<SearchHit> search(long viewerId, String query, Optional<Long> space, Optional<String> author, int limit) {
    String text = checkQuery(query);
    Set<Long> spaces = workspaces.readableSpaces(viewerId).stream().map(Space::id).collect(Collectors.toSet());
    if (space.isPresent()) {
      if (!spaces.contains(space.get())) throw Problem.notFound("space");
      spaces = Set.of(space.get());
    }
    List<Long> authors = author.map(a -> db.read(h -> store.accountsNamed(h, a))).orElse(List.of());
    Query words = parse(text);
    if (spaces.isEmpty() || (author.isPresent() && authors.isEmpty()) || words instanceof MatchNoDocsQuery) return List.of();

    BooleanQuery.Builder q = new BooleanQuery.Builder()
        .add(words, BooleanClause.Occur.MUST)
        .add(anyOf(SearchIndex.SPACE_ID, spaces), BooleanClause.Occur.FILTER);
    if (author.isPresent()) q.add(anyOf(SearchIndex.AUTHOR_ID, authors), BooleanClause.Occur.FILTER);
    int n = Math.clamp(limit, 1, MAX_LIMIT);
    List<Found> found;
    try {
      found = index.read(searcher -> find(searcher, q.build(), words, n));
    } catch (IndexSearcher.TooManyClauses e) {
      throw Problem.invalid("q", "This search has too many words or wildcards. Try fewer.");
    }
    Map<Long, SearchHit.Author> people = db.read(h -> store.authors(h, found.stream().map(f -> f.authorId).toList()));
    return found.stream().map(f -> f.hit(people.getOrDefault(f.authorId, new SearchHit.Author(f.authorId, "Someone", "")))).toList();
  }

  private static String checkQuery(String query) {
    String text = query == null ? "" : query.strip();
    if (text.isEmpty()) throw Problem.invalid("q", "'q' is required: the words to search for.");
    if (text.codePointCount(0, text.length()) > MAX_QUERY_LENGTH) {
      throw Problem.invalid("q", "'q' must be at most " + MAX_QUERY_LENGTH + " characters.");
    }
    return text;
  }

  /** Parses the reader's words; every word must match, in the title (which counts double) or the text. */
  private Query parse(String text) {
    SimpleQueryParser parser = new SimpleQueryParser(index.analyzer(), FIELDS);
    parser.setDefaultOperator(BooleanClause.Occur.MUST);
    Query parsed = parser.parse(text);
    return parsed == null ? new MatchNoDocsQuery() : parsed;
  }

  private static Query anyOf(String field, Collection<Long> ids) {
    return new TermInSetQuery(field, ids.stream().map(id -> new BytesRef(Long.toString(id))).toList());
  }

  private record Found(Document doc, String snippet, long authorId) {
    SearchHit hit(SearchHit.Author author) {
      return new SearchHit(doc.get(SearchIndex.KIND), doc.getField(SearchIndex.ID).numericValue().longValue(),
          doc.getField(SearchIndex.THREAD_ID).numericValue().longValue(), doc.get(SearchIndex.TITLE), snippet,
          Long.parseLong(doc.get(SearchIndex.SPACE_ID)), author,
          doc.getField(SearchIndex.CREATED_AT).numericValue().longValue(), doc.get(SearchIndex.URL));
    }
  }

  private List<Found> find(IndexSearcher searcher, Query query, Query words, int limit) throws IOException {
    TopDocs top = searcher.search(query, limit);
    UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, index.analyzer())
        .withFormatter(new SnippetFormatter())
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(BreakIterator.getSentenceInstance(Locale.ROOT), 160, 0.5f))
        .build();
    String[] snippets = highlighter.highlight(SearchIndex.BODY, words, top, 2);
    var stored = searcher.storedFields();
    List<Found> found = new ArrayList<>(top.scoreDocs.length);
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc hit = top.scoreDocs[i];
      Document doc = stored.document(hit.doc, STORED);
      found.add(new Found(doc, snippets[i] == null ? "" : snippets[i], Long.parseLong(doc.get(SearchIndex.AUTHOR_ID))));
    }
    return found;
  }
}
