package dev.longhand.store;

import java.util.Collection;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One query over many (a, b) pairs at once: the pairs go in as a {@code VALUES} list of parameters, whose
 * columns are {@code column1} and {@code column2} on both databases. Used to join or match on the pairs a
 * batch of writes needs (who replies to which thread).
 */
public final class PairValues {
  private PairValues() {}

  /** The query {@code before} + {@code VALUES (?, ?), ...} + {@code after}, with the pairs bound; at least one pair. */
  public static <T> Query query(Handle h, String before, String after, Collection<T> pairs, ToLongFunction<T> first,
                                ToLongFunction<T> second) {
    if (pairs.isEmpty()) throw new IllegalArgumentException("a VALUES list needs at least one pair");
    StringBuilder sql = new StringBuilder(before).append("VALUES ");
    for (int i = 0; i < pairs.size(); i++) sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    Query query = h.createQuery(sql.append(after).toString());
    int i = 0;
    for (T pair : pairs) {
      query.bind(i++, first.applyAsLong(pair));
      query.bind(i++, second.applyAsLong(pair));
    }
    return query;
  }
}
