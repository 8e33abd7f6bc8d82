package dev.longhand.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Gathers every matching document into its group (the page it is on, {@link SearchIndex#GROUP}) in one pass: how
 * many match in each group and the best few of each, ranked by score or, for a search by operators alone, by date
 * (newest first). Exact: every match is seen, so the number of groups is the true total and any page of groups can be
 * cut from the ranking.
 */
final class GroupCollector implements Collector {
  /** How groups and the hits inside them are ranked. */
  enum Order { RELEVANCE, NEWEST }

  /** One group: its key, how many documents match in it, and its best {@code keep} documents, best first. */
  static final class Group {
    final String key;
    int count;
    int size;
    final int[] docs;
    final double[] ranks;

    Group(String key, int keep) {
      this.key = key;
      this.docs = new int[keep];
      this.ranks = new double[keep];
    }

    double best() {
      return ranks[0];
    }

    void add(int doc, double rank) {
      count++;
      int at = size;
      while (at > 0 && (ranks[at - 1] < rank || (ranks[at - 1] == rank && docs[at - 1] > doc))) at--;
      if (at >= docs.length) return;
      int last = Math.min(size, docs.length - 1);
      System.arraycopy(docs, at, docs, at + 1, last - at);
      System.arraycopy(ranks, at, ranks, at + 1, last - at);
      docs[at] = doc;
      ranks[at] = rank;
      if (size < docs.length) size++;
    }

    void addAll(Group other) {
      int count = this.count + other.count;
      for (int i = 0; i < other.size; i++) add(other.docs[i], other.ranks[i]);
      this.count = count;
    }
  }

  /** Best group first: by its best document, ties to the earlier document. */
  static final Comparator<Group> RANKING = Comparator.comparingDouble(Group::best).reversed()
      .thenComparingInt(g -> g.docs[0]);

  private final Order order;
  private final int keep;
  private final Map<String, Group> groups = new HashMap<>();

  GroupCollector(Order order, int keep) {
    this.order = order;
    this.keep = keep;
  }

  /** A manager for {@link org.apache.lucene.search.IndexSearcher#search}; its result is every group, ranked. */
  static CollectorManager<GroupCollector, List<Group>> manager(Order order, int keep) {
    return new CollectorManager<>() {
      @Override
      public GroupCollector newCollector() {
        return new GroupCollector(order, keep);
      }

      @Override
      public List<Group> reduce(Collection<GroupCollector> collectors) {
        Map<String, Group> all = new HashMap<>();
        for (GroupCollector c : collectors) {
          c.groups.forEach((key, g) -> all.merge(key, g, (a, b) -> {
            a.addAll(b);
            return a;
          }));
        }
        List<Group> ranked = new ArrayList<>(all.values());
        ranked.sort(RANKING);
        return ranked;
      }
    };
  }

  @Override
  public ScoreMode scoreMode() {
    return order == Order.RELEVANCE ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    SortedDocValues keys = DocValues.getSorted(context.reader(), SearchIndex.GROUP);
    SortedNumericDocValues dates = order == Order.NEWEST ? DocValues.getSortedNumeric(context.reader(), SearchIndex.CREATED_AT) : null;
    Group[] byOrd = new Group[Math.max(0, keys.getValueCount())];
    int base = context.docBase;
    return new LeafCollector() {
      private Scorable scorer;

      @Override
      public void setScorer(Scorable scorer) {
        this.scorer = scorer;
      }

      @Override
      public void collect(int doc) throws IOException {
        if (!keys.advanceExact(doc)) return;
        int ord = keys.ordValue();
        Group g = byOrd[ord];
        if (g == null) {
          String key = keys.lookupOrd(ord).utf8ToString();
          g = groups.computeIfAbsent(key, k -> new Group(k, keep));
          byOrd[ord] = g;
        }
        double rank;
        if (dates != null) rank = dates.advanceExact(doc) ? dates.nextValue() : 0;
        else rank = scorer.score();
        g.add(base + doc, rank);
      }
    };
  }
}
