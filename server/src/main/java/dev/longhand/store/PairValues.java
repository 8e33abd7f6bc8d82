package dev.longhand.store;

import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;

/**
 * One query over many (a, b) pairs at once: the pairs go in as a {@code VALUES} list of parameters, whose
 * columns are {@code column1} and {@code column2} on both databases. Used to join or match on the pairs a
 * batch of writes needs (who replies to which thread), so sent straight through JDBC ({@link DirectSql}).
 */
public final class PairValues {
  private PairValues() {}

  /** The rows of {@code before} + {@code VALUES (?, ?), ...} + {@code after}, with the pairs bound; at least one pair. */
  public static <T, R> List<R> query(Handle h, String before, String after, Collection<T> pairs, ToLongFunction<T> first,
                                     ToLongFunction<T> second, DirectSql.Row<R> row) {
    Statement s = statement(before, after, pairs, first, second);
    return DirectSql.query(h, s.sql(), row, s.args());
  }

  /** {@link #query}, queued on the pipeline to go with its next flush. */
  public static <T, R> Pipeline.Answer<R> query(Pipeline p, String before, String after, Collection<T> pairs,
                                                ToLongFunction<T> first, ToLongFunction<T> second, DirectSql.Row<R> row) {
    Statement s = statement(before, after, pairs, first, second);
    return p.query(s.sql(), row, s.args());
  }

  private record Statement(String sql, Object[] args) {}

  private static <T> Statement statement(String before, String after, Collection<T> pairs, ToLongFunction<T> first,
                                         ToLongFunction<T> second) {
    if (pairs.isEmpty()) throw new IllegalArgumentException("a VALUES list needs at least one pair");
    StringBuilder sql = new StringBuilder(before).append("VALUES ");
    for (int i = 0; i < pairs.size(); i++) sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    Object[] args = new Object[pairs.size() * 2];
    int i = 0;
    for (T pair : pairs) {
      args[i++] = first.applyAsLong(pair);
      args[i++] = second.applyAsLong(pair);
    }
    return new Statement(sql.append(after).toString(), args);
  }
}
