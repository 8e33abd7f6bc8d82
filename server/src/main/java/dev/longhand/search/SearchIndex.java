package dev.longhand.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import dev.longhand.markdown.PlainText;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The Lucene index on local disk: the documents every {@link SearchSource} hands over, grouped by
 * their owner (source and id), so an owner's documents are replaced together. It can always be
 * rebuilt from the database, so it holds nothing that exists only here.
 *
 * <p>Writes go through one {@link IndexWriter}; searches share near-real-time searchers from a
 * {@link SearcherManager}, refreshed after each batch of writes. A commit records that a full
 * rebuild once finished, and with which {@link #SCHEMA_VERSION}, so an index left half-built by a crash, or written
 * by a version of Longhand whose documents had another shape, is rebuilt again on start.
 */
public final class SearchIndex implements AutoCloseable {
  /**
   * Lucene says at WARNING, once per process, that the Vector API is not there. Longhand runs without
   * {@code --add-modules jdk.incubator.vector} on purpose: it searches words, not vectors (the module would speed up
   * vector search and some postings decoding), and enabling an incubator module makes the JVM print a warning on
   * every command. Held here, before any Lucene class is used, so the level stays (JUL keeps loggers weakly).
   */
  private static final java.util.logging.Logger VECTOR_NOTICE = quietVectorNotice();
  static final String OWNER = "owner";
  static final String ID = "id";
  static final String KIND = "kind";
  static final String URL = "url";
  static final String THREAD_ID = "threadId";
  static final String SPACE_ID = "spaceId";
  static final String WORKSPACE_ID = "workspaceId";
  static final String AUTHOR_ID = "authorId";
  /** The heading shown on a hit (a reply's is its thread's title). */
  static final String TITLE = "title";
  /** The title as searchable text, on documents whose title is their own. */
  static final String TITLE_TEXT = "titleText";
  /** The text searched and shown in snippets: the plain-text rendering of the source's Markdown. */
  static final String BODY = "body";
  /** When it was written: stored, and indexed for {@code before:}/{@code after:} and for sorting by date. */
  static final String CREATED_AT = "createdAt";
  /** The page a hit is on (its address without fragment or query): hits on one page form one group of results. */
  static final String GROUP = "group";
  /** {@link #GROUP} as a 64-bit hash in doc values, which {@link GroupCollector} groups by. */
  static final String GROUP_KEY = "groupKey";
  /** Title and body as whole words, neither stemmed nor stored: what similar words are looked up in. */
  static final String WORDS = "words";

  /** Marks a finished rebuild; the suffix changes whenever the documents' shape does, which forces a rebuild. */
  private static final String COMPLETE = "longhand.rebuilt.owners";
  /** The commit user data key of {@link #SCHEMA_VERSION}. */
  static final String SCHEMA = "longhand.schema";
  /**
   * The commit user data key of the index's own name, made anew by each rebuild: with several nodes each has an index
   * of its own, and its indexer's outbox cursor is named after it ({@link SearchIndexer#cursorName}). Indexes rebuilt
   * before names existed have none, and keep the cursor they had.
   */
  static final String NAME = "longhand.index.name";
  /**
   * The shape of the documents (fields, analysis). Raise it whenever they change: an index written with another
   * version is rebuilt at start, as one whose rebuild never finished is.
   */
  static final int SCHEMA_VERSION = 4;
  private static final FieldType BODY_TYPE = bodyType();
  private static final FieldType WORDS_TYPE = wordsType();

  private static java.util.logging.Logger quietVectorNotice() {
    var logger = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  private final Analyzer analyzer;
  /**
   * Runs one search's slices of the index side by side (Lucene cuts an index into slices of some 250,000 documents):
   * over a million messages a common word matches a hundred thousand of them, and on two cores the slowest of the
   * search benchmark's queries took 66 ms one slice after another. Shared by every index in the process; its threads
   * are daemons that do nothing between searches.
   */
  private static final java.util.concurrent.Executor SLICES = java.util.concurrent.Executors.newFixedThreadPool(
      Math.max(1, Runtime.getRuntime().availableProcessors()), Thread.ofPlatform().name("search-slice-", 0).daemon().factory());

  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private boolean complete;
  private String name;

  private SearchIndex(Analyzer analyzer, Directory dir, IndexWriter writer, boolean complete, String name) throws IOException {
    this.analyzer = analyzer;
    this.dir = dir;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        return new IndexSearcher(reader, SLICES);
      }
    });
    this.complete = complete;
    this.name = name;
  }

  /** Opens (or creates) the index in {@code <dataDir>/search-index}; fails if another process has it open. */
  public static SearchIndex openIn(Path dataDir) {
    return open(dataDir.resolve("search-index"));
  }

  static SearchIndex open(Path path) {
    try {
      Files.createDirectories(path);
      Directory dir = FSDirectory.open(path);
      Map<String, String> userData = DirectoryReader.indexExists(dir) ? SegmentInfos.readLatestCommit(dir).getUserData() : Map.of();
      boolean complete = isCurrentAndComplete(userData);
      String name = complete ? userData.getOrDefault(NAME, "") : "";
      Analyzer analyzer = new PerFieldAnalyzerWrapper(new EnglishText(), Map.of(WORDS, new WholeWords()));
      IndexWriterConfig config = new IndexWriterConfig(analyzer)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setRAMBufferSizeMB(64);
      IndexWriter writer = new IndexWriter(dir, config);
      if (complete) writer.setLiveCommitData(completeCommitData(name).entrySet());
      return new SearchIndex(analyzer, dir, writer, complete, name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index at " + path
          + " (is another Longhand process using it?)", e);
    }
  }

  private static boolean isCurrentAndComplete(Map<String, String> userData) {
    return "true".equals(userData.get(COMPLETE)) && String.valueOf(SCHEMA_VERSION).equals(userData.get(SCHEMA));
  }

  private static Map<String, String> completeCommitData(String name) {
    return name.isEmpty() ? Map.of(COMPLETE, "true", SCHEMA, String.valueOf(SCHEMA_VERSION))
        : Map.of(COMPLETE, "true", SCHEMA, String.valueOf(SCHEMA_VERSION), NAME, name);
  }

  /** The index's own name, made by its last rebuild ("" for one rebuilt before names existed). */
  public synchronized String name() {
    return name;
  }

  /** False for a new index, one written with another {@link #SCHEMA_VERSION}, or one whose last rebuild never finished: it must be rebuilt before use. */
  public synchronized boolean isComplete() {
    return complete;
  }

  Analyzer analyzer() {
    return analyzer;
  }

  /**
   * Writes a batch: each owner's documents replace whatever the index held for it (none: it
   * leaves the index). It becomes searchable at the next {@link #refresh} and durable at the next
   * {@link #commit}; the indexer decides when.
   */
  synchronized void write(Map<String, List<Indexed>> byOwner) {
    try {
      for (Map.Entry<String, List<Indexed>> owner : byOwner.entrySet()) {
        Term term = new Term(OWNER, owner.getKey());
        if (owner.getValue().isEmpty()) writer.deleteDocuments(term);
        else writer.updateDocuments(term, owner.getValue().stream().map(d -> document(owner.getKey(), d)).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the search index", e);
    }
  }

  /** Makes every write so far searchable (near real time: no fsync). */
  synchronized void refresh() {
    try {
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the search index", e);
    }
  }

  /**
   * Makes every write so far searchable, then durable on disk: searchable first, because the commit's fsyncs can take
   * seconds on a busy disk, and a search need not wait for them (ThreeNodesTest found a reply 2.3 s after it was
   * posted while the suite's other tests kept the disk busy).
   */
  synchronized void commit() {
    try {
      searchers.maybeRefresh();
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the search index", e);
    }
  }

  /** Replaces everything with the documents {@code everything} hands over (with their owner keys), in one commit; returns how many. */
  synchronized long rebuild(Consumer<BiConsumer<String, Indexed>> everything) {
    try {
      writer.deleteAll();
      long[] count = {0};
      everything.accept((owner, d) -> {
        try {
          writer.addDocument(document(owner, d));
          count[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      String rebuilt = java.util.UUID.randomUUID().toString().substring(0, 8);
      writer.setLiveCommitData(completeCommitData(rebuilt).entrySet());
      writer.commit();
      searchers.maybeRefresh();
      complete = true;
      name = rebuilt;
      return count[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the search index", e);
    }
  }

  interface Reading<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Runs a read against the latest searcher, which is shared and released afterwards. */
  <T> T read(Reading<T> reading) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return reading.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the search index", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the search index", e);
    }
  }

  private static Document document(String owner, Indexed p) {
    Document d = new Document();
    d.add(new StringField(OWNER, owner, Field.Store.NO));
    d.add(new StoredField(ID, p.id()));
    d.add(new StringField(KIND, p.kind(), Field.Store.YES));
    d.add(new StoredField(THREAD_ID, p.threadId()));
    d.add(new StringField(SPACE_ID, Long.toString(p.spaceId()), Field.Store.YES));
    d.add(new StoredField(WORKSPACE_ID, p.workspaceId()));
    d.add(new StringField(AUTHOR_ID, Long.toString(p.authorId()), Field.Store.YES));
    d.add(new StoredField(TITLE, p.title()));
    if (p.searchableTitle() != null) d.add(new TextField(TITLE_TEXT, p.searchableTitle(), Field.Store.NO));
    String body = PlainText.of(p.body());
    d.add(new Field(BODY, body, BODY_TYPE));
    d.add(new Field(WORDS, p.searchableTitle() == null ? body : p.searchableTitle() + "\n" + body, WORDS_TYPE));
    d.add(new LongField(CREATED_AT, p.createdAt(), Field.Store.YES));
    d.add(new StoredField(URL, p.url()));
    String group = group(p.url());
    d.add(new StoredField(GROUP, group));
    d.add(new NumericDocValuesField(GROUP_KEY, groupKey(group)));
    return d;
  }

  /**
   * The page of an address: {@code /threads/5/replies/9}, {@code /threads/5#reply-9} and {@code /threads/5} are all on
   * {@code /threads/5}.
   */
  static String group(String url) {
    url = dev.longhand.http.PostLinks.thread(url);
    int end = url.length();
    int hash = url.indexOf('#');
    if (hash >= 0) end = hash;
    int query = url.indexOf('?');
    if (query >= 0 && query < end) end = query;
    return url.substring(0, end);
  }

  /** A page's key: 64 bits of MurmurHash3, so two pages share one with a chance of about n²/2⁶⁵ (1e-10 for 100,000). */
  static long groupKey(String group) {
    return StringHelper.murmurhash3_x64_128(new BytesRef(group))[0];
  }

  /** Indexed for looking terms up only: which documents hold a word, not how often or where. */
  private static FieldType wordsType() {
    FieldType t = new FieldType();
    t.setIndexOptions(IndexOptions.DOCS);
    t.setTokenized(true);
    t.setOmitNorms(true);
    t.freeze();
    return t;
  }

  /** Stored for snippets, with offsets in the postings so highlighting needs no re-analysis. */
  private static FieldType bodyType() {
    FieldType t = new FieldType(TextField.TYPE_STORED);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }
}
