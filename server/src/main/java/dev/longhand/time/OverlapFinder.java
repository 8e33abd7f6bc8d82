package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Finds when a set of people are all (or most) inside their working hours. */
public final class OverlapFinder {
  private OverlapFinder() {}

  public record Member(String id, WorkCalendar calendar) {}

  /**
   * Where a window falls for someone outside their hours in it: BEFORE_DAY when their next period starts later on
   * the same local day (the window is early for them), AFTER_DAY when a period of theirs ended earlier that local day
   * (late for them), DAY_OFF otherwise (a weekend, holiday or away day). When both could be said, the nearer edge
   * decides.
   */
  public enum Position { BEFORE_DAY, AFTER_DAY, DAY_OFF }

  /**
   * @param minutesOutside how much of the window is outside their hours
   * @param minutesFromDay distance between the window and the edge of their day that {@code position} names: until
   *     their day starts (BEFORE_DAY), since it ended (AFTER_DAY), or to the nearest working period either side
   *     (DAY_OFF); 0 when they work part of the window; {@link Long#MAX_VALUE} when they have no working time within
   *     {@link WorkCalendar#HORIZON}
   */
  public record Outside(String member, long minutesOutside, long minutesFromDay, Position position) {}

  public record Window(Interval interval, List<String> inside, List<Outside> outside) {
    public boolean everyone() {
      return outside.isEmpty();
    }
  }

  private static final int MEMBER_BITS = 20;
  private static final long MEMBER_MASK = (1L << MEMBER_BITS) - 1;
  private static final int TIME_SHIFT = MEMBER_BITS + 1;

  /**
   * Windows in {@code [from, to)} at least {@code minLength} long in which every member works, ranked longest
   * first, then earliest.
   *
   * <p>When there are none: the windows where the largest number of members work together. A window is then a
   * maximal interval in which the set of working members stays the same; the windows kept are those of the largest
   * size that occurs for at least {@code minLength}, and, when there are fewer than three of those, the next size
   * down too. They are ranked by how many are inside (most first), then longest, then earliest, and each lists who
   * is outside and how far the window is from their day. Nobody working anywhere gives an empty list.
   *
   * <p>Times are taken to the second: {@code from} is rounded up and {@code to} down.
   *
   * @throws IllegalArgumentException when there are no members, {@code from} is after {@code to} or the minimum
   *     length is negative
   */
  public static List<Window> find(List<Member> members, Instant from, Instant to, Duration minLength) {
    if (members.isEmpty()) throw new IllegalArgumentException("an overlap needs at least one member");
    if (from.isAfter(to)) throw new IllegalArgumentException("overlap: from is after to");
    if (minLength.isNegative()) throw new IllegalArgumentException("overlap: negative minimum length");
    if (members.size() > MEMBER_MASK) throw new IllegalArgumentException("overlap: too many members");
    long fs = from.getNano() == 0 ? from.getEpochSecond() : from.getEpochSecond() + 1;
    long ts = to.getEpochSecond();
    if (ts - fs > (Long.MAX_VALUE >>> TIME_SHIFT)) throw new IllegalArgumentException("overlap: range too long");
    long min = Math.max(1, minLength.getNano() == 0 ? minLength.getSeconds() : minLength.getSeconds() + 1);
    int n = members.size();
    List<MemberHours> hours = new ArrayList<>(n);
    for (Member m : members) hours.add(new MemberHours(m, fs, ts));
    Segments segments = Segments.sweep(events(hours, fs, ts), fs, ts, n);

    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < segments.size; i++) {
      if (segments.count[i] == n && segments.length(i) >= min) all.add(i);
    }
    if (!all.isEmpty()) {
      all.sort(Comparator.comparingLong((Integer i) -> -segments.length(i)).thenComparingLong(i -> segments.start[i]));
      List<String> everyone = members.stream().map(Member::id).toList();
      return all.stream().map(i -> new Window(segments.interval(i), everyone, List.of())).toList();
    }

    int best = 0;
    for (int i = 0; i < segments.size; i++) {
      if (segments.length(i) >= min) best = Math.max(best, segments.count[i]);
    }
    if (best == 0) return List.of();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < segments.size; i++) {
      if (segments.count[i] == best && segments.length(i) >= min) kept.add(i);
    }
    if (kept.size() < 3 && best > 1) {
      for (int i = 0; i < segments.size; i++) {
        if (segments.count[i] == best - 1 && segments.length(i) >= min) kept.add(i);
      }
    }
    kept.sort(Comparator.comparingInt((Integer i) -> -segments.count[i])
        .thenComparingLong(i -> -segments.length(i)).thenComparingLong(i -> segments.start[i]));
    List<Window> out = new ArrayList<>(kept.size());
    for (int i : kept) {
      List<String> inside = new ArrayList<>();
      List<Outside> outside = new ArrayList<>();
      for (int m = 0; m < n; m++) {
        if (segments.has(i, m)) inside.add(members.get(m).id());
        else outside.add(hours.get(m).outside(segments.start[i], segments.end[i], 0));
      }
      out.add(new Window(segments.interval(i), List.copyOf(inside), List.copyOf(outside)));
    }
    return out;
  }

  /** Period starts and ends of every member inside {@code [fs, ts)}, packed as (time, start?, member) and sorted. */
  private static long[] events(List<MemberHours> hours, long fs, long ts) {
    int total = 0;
    for (MemberHours h : hours) total += 2 * h.periods().size();
    long[] events = new long[total];
    int k = 0;
    for (int m = 0; m < hours.size(); m++) {
      PeriodList p = hours.get(m).periods();
      for (int i = p.firstEndingAfter(fs); i < p.size() && p.start(i) < ts; i++) {
        long s = Math.max(p.start(i), fs) - fs;
        long e = Math.min(p.end(i), ts) - fs;
        events[k++] = (s << TIME_SHIFT) | (1L << MEMBER_BITS) | m;
        events[k++] = (e << TIME_SHIFT) | m;
      }
    }
    events = Arrays.copyOf(events, k);
    Arrays.sort(events); // at one time, ends come before starts
    return events;
  }

  /** The stretches between consecutive events, each with who works through it; stretches nobody works are left out. */
  private static final class Segments {
    final int words;
    long[] start = new long[16];
    long[] end = new long[16];
    int[] count = new int[16];
    long[] sets;
    int size;

    private Segments(int members) {
      words = (members + 63) >>> 6;
      sets = new long[16 * words];
    }

    static Segments sweep(long[] events, long fs, long ts, int members) {
      Segments out = new Segments(members);
      long[] set = new long[out.words];
      int count = 0;
      int k = 0;
      while (k < events.length) {
        long time = events[k] >>> TIME_SHIFT;
        while (k < events.length && (events[k] >>> TIME_SHIFT) == time) {
          int m = (int) (events[k] & MEMBER_MASK);
          if ((events[k] & (1L << MEMBER_BITS)) != 0) {
            set[m >>> 6] |= 1L << m;
            count++;
          } else {
            set[m >>> 6] &= ~(1L << m);
            count--;
          }
          k++;
        }
        long next = k < events.length ? events[k] >>> TIME_SHIFT : ts - fs;
        if (count > 0 && next > time) out.add(fs + time, fs + next, count, set);
      }
      return out;
    }

    private void add(long s, long e, int c, long[] set) {
      if (size == start.length) {
        start = Arrays.copyOf(start, size * 2);
        end = Arrays.copyOf(end, size * 2);
        count = Arrays.copyOf(count, size * 2);
        sets = Arrays.copyOf(sets, size * 2 * words);
      }
      start[size] = s;
      end[size] = e;
      count[size] = c;
      System.arraycopy(set, 0, sets, size * words, words);
      size++;
    }

    long length(int i) {
      return end[i] - start[i];
    }

    boolean has(int i, int member) {
      return (sets[i * words + (member >>> 6)] & (1L << member)) != 0;
    }

    Interval interval(int i) {
      return new Interval(Instant.ofEpochSecond(start[i]), Instant.ofEpochSecond(end[i]));
    }
  }
}
