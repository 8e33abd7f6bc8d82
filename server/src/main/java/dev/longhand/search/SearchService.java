package dev.longhand.search;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.io.IOException;
import java.text.BreakIterator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text search over everything the {@link SearchSource}s index (threads, replies, ...), ranked by BM25, showing
 * only what the reader may read: the query is always filtered to the spaces the reader can see right now, worked out
 * from the database on each search, so a lost membership takes effect at once and nothing from another workspace or
 * a private space can appear.
 *
 * <p>Queries use the simple syntax people expect ({@code "exact phrase"}, {@code -word}, {@code deploy*},
 * {@code a | b}); it has no syntax errors, so no query string fails. Operators ({@link SearchQuery}) narrow by
 * author, space, date and kind. Results come grouped by the page they are on (a thread and its replies), a page of
 * groups at a time, with the total. When the words as typed find little, each word of four letters or more that
 * finds nothing the reader may read is replaced by the most similar word (one edit away, two for six letters or
 * more) that does, and the answer says so.
 */
public final class SearchService {
  public static final int MAX_QUERY_LENGTH = 200;
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 50;
  /** How far one may page: the groups ranked are all kept in memory, so paging stops somewhere. */
  public static final int MAX_OFFSET = 1000;
  /** The best hits shown under a group. */
  public static final int HITS_PER_GROUP = 3;
  /** Fewer groups than this is "little": similar words are tried. */
  static final int FEW = 3;
  private static final int SIMILAR_CANDIDATES = 20;
  private static final Map<String, Float> FIELDS = Map.of(SearchIndex.TITLE_TEXT, 2f, SearchIndex.BODY, 1f);
  private static final Set<String> STORED = Set.of(SearchIndex.ID, SearchIndex.KIND, SearchIndex.THREAD_ID,
      SearchIndex.SPACE_ID, SearchIndex.AUTHOR_ID, SearchIndex.TITLE, SearchIndex.CREATED_AT, SearchIndex.URL,
      SearchIndex.GROUP, SearchIndex.BODY);
  /** What {@code is:} finds, by its value. */
  private static final Map<String, List<String>> KINDS = Map.of(
      "thread", List.of("thread", "reply"),
      "reply", List.of("reply"),
      "decision", List.of("decision"),
      "document", List.of("document", "comment"),
      "recording", List.of("recording", "transcript", "recording-comment"),
      "comment", List.of("comment", "recording-comment"));
  /** The kind of the page a hit is on, when the hit is part of it. */
  private static final Map<String, String> PAGE_KIND = Map.of("reply", "thread", "comment", "document",
      "transcript", "recording", "recording-comment", "recording");

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
   * A search as the API and the page ask it.
   *
   * @param q the words and operators as typed
   * @param space only this space (which must be one the reader can read, else "not found")
   * @param author only this author: an account id or a handle; someone unknown simply has no posts
   * @param limit groups per page
   * @param offset groups to skip
   * @param zone the reader's time zone, in which {@code before:} and {@code after:} dates are days
   */
  public record Request(String q, Optional<Long> space, Optional<String> author, int limit, int offset, ZoneId zone) {
    public Request {
      limit = Math.clamp(limit, 1, MAX_LIMIT);
      if (offset < 0 || offset > MAX_OFFSET) throw Problem.invalid("offset", "'offset' must be a whole number from 0 to " + MAX_OFFSET + ".");
    }

    /** The first page of {@code q}, in UTC, unfiltered. */
    public static Request of(String q) {
      return new Request(q, Optional.empty(), Optional.empty(), DEFAULT_LIMIT, 0, ZoneId.of("UTC"));
    }
  }

  /** A page of the groups of hits for the request that the reader may see. */
  public SearchResults search(long viewerId, Request r) {
    SearchQuery query = SearchQuery.parse(checkQuery(r.q()));
    List<Space> readable = workspaces.readableSpaces(viewerId);
    Set<Long> spaces = readable.stream().map(Space::id).collect(Collectors.toSet());
    if (r.space().isPresent()) {
      if (!spaces.contains(r.space().get())) throw Problem.notFound("space");
      spaces = Set.of(r.space().get());
    }
    if (!query.values("in").isEmpty()) {
      Set<Long> named = new HashSet<>();
      for (String name : query.values("in")) {
        List<Long> found = spacesNamed(readable, name);
        if (found.isEmpty()) throw Problem.invalid("q", "in:" + name + " names no space you can read.");
        named.addAll(found);
      }
      spaces = spaces.stream().filter(named::contains).collect(Collectors.toSet());
    }
    List<Long> authors = r.author().map(a -> db.read(h -> store.accountsNamed(h, a))).orElse(List.of());
    Set<Long> from = new LinkedHashSet<>();
    for (String name : query.values("from")) {
      List<Long> people = db.read(h -> store.peopleNamed(h, viewerId, name));
      if (people.isEmpty()) throw Problem.invalid("q", "from:" + name + " names no one in your workspaces.");
      from.addAll(people);
    }
    Query words = query.words().isEmpty() ? new MatchAllDocsQuery() : parse(query.words());
    if (spaces.isEmpty() || (r.author().isPresent() && authors.isEmpty()) || words instanceof MatchNoDocsQuery) {
      return SearchResults.none(query, r.offset(), r.limit());
    }

    BooleanQuery.Builder filter = new BooleanQuery.Builder().add(anyOf(SearchIndex.SPACE_ID, spaces), BooleanClause.Occur.FILTER);
    if (r.author().isPresent()) filter.add(anyOf(SearchIndex.AUTHOR_ID, authors), BooleanClause.Occur.FILTER);
    if (!from.isEmpty()) filter.add(anyOf(SearchIndex.AUTHOR_ID, from), BooleanClause.Occur.FILTER);
    List<String> kinds = query.kinds().stream().flatMap(k -> KINDS.get(k).stream()).distinct().toList();
    if (!kinds.isEmpty()) {
      filter.add(new TermInSetQuery(SearchIndex.KIND, kinds.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
    }
    Optional<LocalDate> before = query.before();
    Optional<LocalDate> after = query.after();
    if (before.isPresent() || after.isPresent()) {
      long lo = after.map(d -> d.plusDays(1).atStartOfDay(r.zone()).toInstant().toEpochMilli()).orElse(Long.MIN_VALUE);
      long hi = before.map(d -> d.atStartOfDay(r.zone()).toInstant().toEpochMilli() - 1).orElse(Long.MAX_VALUE);
      filter.add(LongField.newRangeQuery(SearchIndex.CREATED_AT, lo, hi), BooleanClause.Occur.FILTER);
    }
    Query only = filter.build();
    GroupCollector.Order order = query.words().isEmpty() ? GroupCollector.Order.NEWEST : GroupCollector.Order.RELEVANCE;

    Found found;
    try {
      found = index.read(searcher -> {
        Found exact = find(searcher, words, only, order, r.offset(), r.limit(), Optional.empty());
        if (query.words().isEmpty() || exact.total >= FEW) return exact;
        Optional<String> similar = similarWords(searcher, query.words(), only);
        if (similar.isEmpty()) return exact;
        Query corrected = parse(similar.get());
        if (corrected instanceof MatchNoDocsQuery) return exact;
        Found fuzzy = find(searcher, corrected, only, order, r.offset(), r.limit(), similar);
        return fuzzy.total > exact.total ? fuzzy : exact;
      });
    } catch (IndexSearcher.TooManyClauses e) {
      throw Problem.invalid("q", "This search has too many words or wildcards. Try fewer.");
    }
    Set<Long> authorIds = found.groups.stream().flatMap(g -> g.stream()).map(FoundHit::authorId).collect(Collectors.toSet());
    Map<Long, SearchHit.Author> people = db.read(h -> store.authors(h, authorIds));
    List<SearchResults.Group> groups = new ArrayList<>();
    for (int i = 0; i < found.groups.size(); i++) {
      List<SearchHit> hits = found.groups.get(i).stream()
          .map(f -> f.hit(people.getOrDefault(f.authorId, new SearchHit.Author(f.authorId, "Someone", "")))).toList();
      groups.add(group(hits, found.matches.get(i)));
    }
    return new SearchResults(query, groups, found.total, found.totalHits, r.offset(), r.limit(), found.similarWords);
  }

  /** The readable spaces a name means: by name or its slug ({@code product-team}), case-insensitive, or by id. */
  static List<Long> spacesNamed(List<Space> spaces, String name) {
    String slug = slug(name);
    long id = Ids.parse(name);
    return spaces.stream().filter(s -> s.id() == id || s.name().equalsIgnoreCase(name) || (!slug.isEmpty() && slug(s.name()).equals(slug)))
        .map(Space::id).toList();
  }

  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
  }

  private static SearchResults.Group group(List<SearchHit> hits, int matches) {
    SearchHit best = hits.getFirst();
    SearchHit page = hits.stream().filter(h -> h.url().equals(h.group())).findFirst().orElse(null);
    String title = page != null ? page.title() : best.title();
    String kind = page != null ? page.kind() : PAGE_KIND.getOrDefault(best.kind(), best.kind());
    return new SearchResults.Group(best.group(), title, kind, best.spaceId(), matches, hits);
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

  private static Query filtered(Query q, Query filter) {
    return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
  }

  private record FoundHit(Document doc, String snippet, long authorId) {
    SearchHit hit(SearchHit.Author author) {
      return new SearchHit(doc.get(SearchIndex.KIND), doc.getField(SearchIndex.ID).numericValue().longValue(),
          doc.getField(SearchIndex.THREAD_ID).numericValue().longValue(), doc.get(SearchIndex.TITLE), snippet,
          Long.parseLong(doc.get(SearchIndex.SPACE_ID)), author,
          doc.getField(SearchIndex.CREATED_AT).numericValue().longValue(), doc.get(SearchIndex.URL), doc.get(SearchIndex.GROUP));
    }
  }

  private record Found(List<List<FoundHit>> groups, List<Integer> matches, long total, long totalHits, Optional<String> similarWords) {}

  private Found find(IndexSearcher searcher, Query words, Query filter, GroupCollector.Order order, int offset, int limit,
                     Optional<String> similarWords) throws IOException {
    GroupCollector.Ranked ranked = searcher.search(filtered(words, filter), GroupCollector.manager(order, HITS_PER_GROUP, offset + limit));
    List<GroupCollector.Group> page = ranked.best().subList(Math.min(offset, ranked.best().size()), ranked.best().size());
    int[] docs = page.stream().flatMapToInt(g -> Arrays.stream(g.docs())).toArray();
    Map<Integer, Document> read = read(searcher, docs);
    String[] snippets = new String[0];
    if (docs.length > 0) {
      UnifiedHighlighter highlighter = new ReadOnceHighlighter(UnifiedHighlighter.builder(searcher, index.analyzer())
          .withFormatter(new SnippetFormatter())
          .withMaxNoHighlightPassages(1)
          .withWeightMatches(false)
          .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(BreakIterator.getSentenceInstance(Locale.ROOT), 160, 0.5f)),
          read);
      int[] passages = {2};
      snippets = highlighter.highlightFields(new String[] {SearchIndex.BODY}, words, docs, passages).get(SearchIndex.BODY);
    }
    List<List<FoundHit>> groups = new ArrayList<>(page.size());
    List<Integer> matches = new ArrayList<>(page.size());
    int i = 0;
    for (GroupCollector.Group g : page) {
      List<FoundHit> hits = new ArrayList<>(g.docs().length);
      for (int k = 0; k < g.docs().length; k++, i++) {
        Document doc = read.get(g.docs()[k]);
        hits.add(new FoundHit(doc, snippets[i] == null ? "" : snippets[i], Long.parseLong(doc.get(SearchIndex.AUTHOR_ID))));
      }
      groups.add(hits);
      matches.add(g.count());
    }
    return new Found(groups, matches, ranked.totalGroups(), ranked.totalHits(), similarWords);
  }

  /** The page's documents, each read once with every field a hit shows and its text, in index order through one reader. */
  private static Map<Integer, Document> read(IndexSearcher searcher, int[] docs) throws IOException {
    int[] inOrder = docs.clone();
    Arrays.sort(inOrder);
    var stored = searcher.storedFields();
    Map<Integer, Document> read = new HashMap<>(docs.length * 2);
    for (int doc : inOrder) if (!read.containsKey(doc)) read.put(doc, stored.document(doc, STORED));
    return read;
  }

  /**
   * The words with each plain word of four letters or more that finds nothing the reader may read replaced by the
   * closest word that does (fewest edits, then the commonest), or empty when no word was replaced. Words in quotes,
   * with wildcards or operators, and stop words ("with", "from") are left as they are. Candidates come from the whole index but one is taken only if
   * the reader may read something holding it, so no word from elsewhere is ever shown.
   */
  private Optional<String> similarWords(IndexSearcher searcher, String words, Query filter) throws IOException {
    Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), SearchIndex.WORDS);
    if (terms == null) return Optional.empty();
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    boolean inPhrase = false;
    for (String token : words.split(" ")) {
      String replacement = token;
      if (!inPhrase && token.codePointCount(0, token.length()) >= 4 && token.chars().allMatch(Character::isLetterOrDigit)) {
        Optional<String> word = wholeWord(token);
        Query asTyped = parse(token);
        if (word.isPresent() && !(asTyped instanceof MatchNoDocsQuery) && searcher.count(filtered(asTyped, filter)) == 0) {
          Optional<String> closest = closest(searcher, terms, word.get(), filter);
          if (closest.isPresent()) {
            replacement = closest.get();
            changed = true;
          }
        }
      }
      if (token.chars().filter(c -> c == '"').count() % 2 == 1) inPhrase = !inPhrase;
      out.append(out.isEmpty() ? "" : " ").append(replacement);
    }
    return changed ? Optional.of(out.toString()) : Optional.empty();
  }

  private Optional<String> wholeWord(String token) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = index.analyzer().tokenStream(SearchIndex.WORDS, token)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    }
    return out.size() == 1 ? Optional.of(out.getFirst()) : Optional.empty();
  }

  private record Candidate(String word, float similarity, int docFreq) {}

  /**
   * The closest readable word, trying one edit before two: every word one edit away ranks above every word two away
   * (its similarity, {@code 1 - edits / length}, is higher for words of three letters or more), so this finds what
   * one pass over both would, and builds the costlier two-edit automata only when no word one edit away will do:
   * enumerating a small index's words within two edits took 0.95 ms for a six-letter word and 4 ms for an
   * eighteen-letter one, within one edit 0.09 and 0.5 ms (warm, best of 300, 2026-12-07).
   */
  private static Optional<String> closest(IndexSearcher searcher, Terms terms, String word, Query filter) throws IOException {
    int most = word.codePointCount(0, word.length()) >= 6 ? 2 : 1;
    Set<String> tried = new HashSet<>(Set.of(word));
    int left = SIMILAR_CANDIDATES;
    for (int edits = 1; edits <= most && left > 0; edits++) {
      List<Candidate> candidates = candidates(terms, word, edits, tried);
      for (Candidate c : candidates.subList(0, Math.min(left, candidates.size()))) {
        if (searcher.count(filtered(new TermQuery(new Term(SearchIndex.WORDS, c.word())), filter)) > 0) return Optional.of(c.word());
      }
      left -= Math.min(left, candidates.size());
      candidates.forEach(c -> tried.add(c.word()));
    }
    return Optional.empty();
  }

  /** The index's words at most {@code edits} from {@code word}, but those already tried, most similar first. */
  private static List<Candidate> candidates(Terms terms, String word, int edits, Set<String> tried) throws IOException {
    FuzzyTermsEnum similar = new FuzzyTermsEnum(terms, new Term(SearchIndex.WORDS, word), edits, 0, true);
    List<Candidate> candidates = new ArrayList<>();
    for (BytesRef t = similar.next(); t != null; t = similar.next()) {
      String w = t.utf8ToString();
      if (!tried.contains(w)) candidates.add(new Candidate(w, similar.getBoost(), similar.docFreq()));
    }
    candidates.sort(Comparator.comparingDouble(Candidate::similarity).reversed()
        .thenComparing(Comparator.comparingInt(Candidate::docFreq).reversed()).thenComparing(Candidate::word));
    return candidates;
  }
}
