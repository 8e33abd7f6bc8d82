package dev.longhand.bench.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.account.Account;
import dev.longhand.account.AccountService;
import dev.longhand.search.Indexed;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.search.SearchResults;
import dev.longhand.search.SearchService;
import dev.longhand.search.SearchSource;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.Role;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A reader's search over 100,000 decisions, documents and transcript cues (a third each), through
 * {@link SearchService} as the API calls it: the reader's readable spaces read from the database
 * (SQLite in a temporary directory), the query filtered to them, BM25 ranking, highlighted
 * snippets, and the hits' authors read back. The index is built by {@link SearchIndexer#rebuild}
 * from a source that writes English-like text: words drawn from a 5,000-word vocabulary with a
 * Zipf distribution, so common words match tens of thousands of documents and rare ones a few.
 * The reader may read 8 of the 10 spaces. The bar is a p99 under 30 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {
  private static final int VOCABULARY = 5_000;

  @Param("100000")
  public int documents;

  /** {@code common}: two frequent words; {@code rare}: one rare word; {@code phrase}: a quoted two-word phrase; {@code prefix}: {@code word*}. */
  @Param({"common", "rare", "phrase", "prefix"})
  public String query;

  private Path dir;
  private Database db;
  private SearchIndex index;
  private SearchService search;
  private long reader;
  private String[] words;
  private final SplittableRandom random = new SplittableRandom(7);

  @Setup(Level.Trial)
  public void build() throws IOException {
    dir = Files.createTempDirectory("longhand-search-bench");
    db = Database.open("jdbc:sqlite:" + dir.resolve("longhand.db"));
    db.migrate();
    Clock clock = Clock.systemUTC();
    Ids ids = new Ids(clock, 0);
    WorkspaceService workspaces = new WorkspaceService(db, ids, clock, new Outbox(ids, clock, new ObjectMapper()));
    AccountService accounts = new AccountService(db, ids, clock);
    Account owner = accounts.signUp(new AccountService.SignUp("owner@example.test", "Owner", "correct horse battery"));
    Account member = accounts.signUp(new AccountService.SignUp("reader@example.test", "Reader", "correct horse battery"));
    Workspace w = workspaces.createWorkspace(owner.id(), "Acme");
    workspaces.acceptInvitation(member.id(), workspaces.invite(owner.id(), w.id(), Role.MEMBER));
    List<Space> spaces = new ArrayList<>();
    for (int i = 0; i < 10; i++) spaces.add(workspaces.createSpace(owner.id(), w.id(), "Space " + i, i < 8 ? "public" : "private"));
    reader = member.id();
    words = vocabulary();
    index = SearchIndex.openIn(dir);
    SearchIndexer.rebuild(db, index, List.of(new Synthetic(words, documents, w.id(), spaces, List.of(owner.id(), member.id()))));
    search = new SearchService(db, index, workspaces);
  }

  @Benchmark
  public SearchResults search() {
    String q = switch (query) {
      case "common" -> words[random.nextInt(20)] + " " + words[random.nextInt(20, 60)];
      case "rare" -> words[random.nextInt(2_000, VOCABULARY)];
      case "phrase" -> "\"" + words[random.nextInt(10)] + " " + words[random.nextInt(10, 40)] + "\"";
      default -> words[random.nextInt(100, 400)].substring(0, 3) + "*";
    };
    return search.search(reader, SearchService.Request.of(q));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    index.close();
    db.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** Pronounceable made-up words, so stemming has little to merge and every word is its own term. */
  private static String[] vocabulary() {
    String[] syllables = {"ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "na", "gru", "te", "fo", "lin", "mar", "shi"};
    SplittableRandom r = new SplittableRandom(1);
    String[] words = new String[VOCABULARY];
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < VOCABULARY; ) {
      StringBuilder w = new StringBuilder();
      int n = 2 + r.nextInt(3);
      for (int s = 0; s < n; s++) w.append(syllables[r.nextInt(syllables.length)]);
      if (seen.add(w.toString())) words[i++] = w.toString();
    }
    return words;
  }

  /** Decisions, documents and transcript cues, a third each, spread over the spaces. */
  private record Synthetic(String[] words, int count, long workspaceId, List<Space> spaces, List<Long> authors)
      implements SearchSource {
    @Override
    public String name() {
      return "synthetic";
    }

    @Override
    public dev.longhand.search.OwnerEvents events() {
      return dev.longhand.search.OwnerEvents.NONE;
    }

    @Override
    public List<Indexed> load(Handle h, Collection<Long> owners) {
      return List.of();
    }

    @Override
    public void each(Handle h, Consumer<Indexed> sink) {
      SplittableRandom r = new SplittableRandom(3);
      double[] zipf = zipf(words.length);
      for (int i = 1; i <= count; i++) {
        String kind = switch (i % 3) { case 0 -> "decision"; case 1 -> "document"; default -> "transcript"; };
        int length = switch (kind) { case "transcript" -> 8 + r.nextInt(20); case "decision" -> 80 + r.nextInt(200); default -> 150 + r.nextInt(600); };
        Space space = spaces.get(r.nextInt(spaces.size()));
        String title = text(r, zipf, 3 + r.nextInt(5));
        sink.accept(new Indexed(kind, i, i, 0, space.id(), workspaceId, authors.get(r.nextInt(authors.size())), title,
            kind.equals("transcript") ? null : title, text(r, zipf, length), 1_700_000_000_000L + i * 1000L,
            "/" + kind + "s/" + i));
      }
    }

    private String text(SplittableRandom r, double[] zipf, int n) {
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < n; k++) {
        double u = r.nextDouble();
        int lo = 0, hi = zipf.length - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (zipf[mid] < u) lo = mid + 1; else hi = mid;
        }
        b.append(words[lo]).append(k % 12 == 11 ? ". " : " ");
      }
      return b.toString();
    }

    private static double[] zipf(int n) {
      double[] cumulative = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) cumulative[i] = (sum += 1.0 / (i + 1));
      for (int i = 0; i < n; i++) cumulative[i] /= sum;
      return cumulative;
    }
  }
}
