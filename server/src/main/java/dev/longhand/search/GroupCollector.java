package dev.longhand.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Gathers every matching document into its group (the page it is on, by {@link SearchIndex#GROUP_KEY}) in one pass:
 * how many match in each group and the best few of each, ranked by score or, for a search by operators alone, by
 * date (newest first). Exact: every match is seen, so the number of groups is the true total and any page of groups
 * can be cut from the ranking. Per document it costs one doc-values read and one probe of a table of primitive
 * arrays, with nothing allocated, since a common word matches most of the index.
 */
final class GroupCollector implements Collector {
  /** How groups and the hits inside them are ranked. */
  enum Order { RELEVANCE, NEWEST }

  /** One group of the ranking: how many documents match in it, and its best ones (global doc ids), best first. */
  record Group(int count, int[] docs) {}

  /** The best groups asked for, with the totals over all of them. */
  record Ranked(List<Group> best, int totalGroups, long totalHits) {}

  private final Order order;
  private final int keep;
  /** Open addressing: group key to its slot + 1 (0 is empty). */
  private long[] keys = new long[256];
  private int[] slots = new int[256];
  private int size;
  private long hits;
  private int[] counts = new int[128];
  private int[] kept = new int[128];
  private int[] docs;
  private double[] ranks;

  GroupCollector(Order order, int keep) {
    this.order = order;
    this.keep = keep;
    this.docs = new int[128 * keep];
    this.ranks = new double[128 * keep];
  }

  /** A manager for {@link org.apache.lucene.search.IndexSearcher#search}; its result is the best {@code wanted} groups. */
  static CollectorManager<GroupCollector, Ranked> manager(Order order, int keep, int wanted) {
    return new CollectorManager<>() {
      @Override
      public GroupCollector newCollector() {
        return new GroupCollector(order, keep);
      }

      @Override
      public Ranked reduce(Collection<GroupCollector> collectors) {
        GroupCollector all = null;
        for (GroupCollector c : collectors) {
          if (all == null) all = c;
          else all.addAll(c);
        }
        return all == null ? new Ranked(List.of(), 0, 0) : all.best(wanted);
      }
    };
  }

  @Override
  public ScoreMode scoreMode() {
    return order == Order.RELEVANCE ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    NumericDocValues groups = DocValues.getNumeric(context.reader(), SearchIndex.GROUP_KEY);
    SortedNumericDocValues dates = order == Order.NEWEST ? DocValues.getSortedNumeric(context.reader(), SearchIndex.CREATED_AT) : null;
    int base = context.docBase;
    return new LeafCollector() {
      private Scorable scorer;

      @Override
      public void setScorer(Scorable scorer) {
        this.scorer = scorer;
      }

      @Override
      public void collect(int doc) throws IOException {
        if (!groups.advanceExact(doc)) return;
        double rank;
        if (dates != null) rank = dates.advanceExact(doc) ? dates.nextValue() : 0;
        else rank = scorer.score();
        add(slot(groups.longValue()), base + doc, rank, 1);
      }
    };
  }

  /** The slot of a group, made when new. */
  private int slot(long key) {
    int mask = keys.length - 1;
    int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (slots[i] != 0) {
      if (keys[i] == key) return slots[i] - 1;
      i = (i + 1) & mask;
    }
    int slot = size++;
    keys[i] = key;
    slots[i] = slot + 1;
    if (slot == counts.length) {
      int more = counts.length * 2;
      counts = Arrays.copyOf(counts, more);
      kept = Arrays.copyOf(kept, more);
      docs = Arrays.copyOf(docs, more * keep);
      ranks = Arrays.copyOf(ranks, more * keep);
    }
    if (size * 2 > keys.length) rehash();
    return slot;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[oldKeys.length * 2];
    slots = new int[oldSlots.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldSlots[j] == 0) continue;
      int i = Long.hashCode(oldKeys[j] * 0x9E3779B97F4A7C15L) & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      keys[i] = oldKeys[j];
      slots[i] = oldSlots[j];
    }
  }

  /** Counts a document (or {@code count} of them, when merging) in a slot and keeps it if among the slot's best. */
  private void add(int slot, int doc, double rank, int count) {
    counts[slot] += count;
    hits += count;
    int from = slot * keep;
    int n = kept[slot];
    int at = n;
    while (at > 0 && better(rank, doc, ranks[from + at - 1], docs[from + at - 1])) at--;
    if (at >= keep) return;
    int last = Math.min(n, keep - 1);
    System.arraycopy(docs, from + at, docs, from + at + 1, last - at);
    System.arraycopy(ranks, from + at, ranks, from + at + 1, last - at);
    docs[from + at] = doc;
    ranks[from + at] = rank;
    if (n < keep) kept[slot] = n + 1;
  }

  private static boolean better(double rank, int doc, double thanRank, int thanDoc) {
    return rank > thanRank || (rank == thanRank && doc < thanDoc);
  }

  private void addAll(GroupCollector other) {
    for (int j = 0; j < other.keys.length; j++) {
      if (other.slots[j] == 0) continue;
      int o = other.slots[j] - 1;
      int mine = slot(other.keys[j]);
      int from = o * other.keep;
      for (int k = 0; k < other.kept[o]; k++) add(mine, other.docs[from + k], other.ranks[from + k], k == 0 ? other.counts[o] : 0);
    }
  }

  /** The best {@code wanted} groups, best first (by their best document, ties to the earlier document). */
  Ranked best(int wanted) {
    Comparator<Integer> worseFirst = (a, b) -> better(ranks[a * keep], docs[a * keep], ranks[b * keep], docs[b * keep]) ? 1
        : better(ranks[b * keep], docs[b * keep], ranks[a * keep], docs[a * keep]) ? -1 : 0;
    PriorityQueue<Integer> top = new PriorityQueue<>(Math.max(1, wanted), worseFirst);
    for (int s = 0; s < size && wanted > 0; s++) {
      if (top.size() < wanted) top.add(s);
      else if (worseFirst.compare(s, top.peek()) > 0) {
        top.poll();
        top.add(s);
      }
    }
    List<Group> best = new ArrayList<>(top.size());
    while (!top.isEmpty()) {
      int s = top.poll();
      best.add(new Group(counts[s], Arrays.copyOfRange(docs, s * keep, s * keep + kept[s])));
    }
    java.util.Collections.reverse(best);
    return new Ranked(best, size, hits);
  }
}
