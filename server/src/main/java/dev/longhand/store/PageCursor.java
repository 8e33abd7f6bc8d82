package dev.longhand.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a page of a listing newest-first by (time, id) ends: its {@code next} value, "time.id", which the
 * client sends back as {@code before} for the page after. Row ids break ties between equal times.
 */
public record PageCursor(long at, long id) {
  /** Before everything: the first page. */
  public static final PageCursor FIRST = new PageCursor(Long.MAX_VALUE, Long.MAX_VALUE);

  /** What to tell a client whose {@code before} is not a cursor; the service names that field. */
  public static final String MALFORMED = "'before' must be the 'next' value of a previous page.";

  /** The {@code before} parameter as sent back; empty for anything else, which is bad input (see {@link #MALFORMED}). */
  public static Optional<PageCursor> parse(String before) {
    int dot = before.indexOf('.');
    long at = dot > 0 ? Ids.parse(before.substring(0, dot)) : -1;
    long id = dot > 0 ? Ids.parse(before.substring(dot + 1)) : -1;
    if (at < 0 || id < 0) return Optional.empty();
    return Optional.of(new PageCursor(at, id));
  }

  /** A page of a listing, and the cursor of the page after it when there is one. */
  public record Page<T>(List<T> items, Optional<String> next) {}

  /**
   * The page in {@code rows}, which were read one beyond {@code size} to learn whether another page follows; the
   * cursor is that of the page's last row, as {@code at} gives it.
   */
  public static <T> Page<T> page(List<T> rows, int size, Function<T, PageCursor> at) {
    if (rows.size() <= size) return new Page<>(List.copyOf(rows), Optional.empty());
    List<T> page = List.copyOf(rows.subList(0, size));
    return new Page<>(page, Optional.of(at.apply(page.getLast()).toString()));
  }

  @Override
  public String toString() {
    return at + "." + id;
  }
}
