package dev.longhand.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the SQL statements sent to the database, by the thread whose work they are, so that tests can assert
 * what a request costs and an N+1 cannot creep in. Off unless a test turns it on: then one volatile read per
 * statement. A write runs on another thread on SQLite (the one writer); {@link Database#write} hands it the
 * name of the thread that asked, so it is counted there.
 */
public final class StatementCounts implements SqlLogger {
  private static final ThreadLocal<String> WRITE_FOR = new ThreadLocal<>();

  private final Map<String, LongAdder> byThread = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writesByThread = new ConcurrentHashMap<>();
  private volatile boolean counting;

  /** Starts counting from zero. */
  public void start() {
    byThread.clear();
    writesByThread.clear();
    counting = true;
  }

  public void stop() {
    counting = false;
  }

  /** Statements since {@link #start}, by the thread they were for, among threads {@code whose} name matches. */
  public long count(Predicate<String> whose) {
    return byThread.entrySet().stream().filter(e -> whose.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
  }

  /** Writes ({@link Database#write} calls) since {@link #start}, by the thread that asked, among those {@code whose}. */
  public long writes(Predicate<String> whose) {
    return writesByThread.entrySet().stream().filter(e -> whose.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
  }

  /** Statements since {@link #start}, by thread name; for a failing test's message. */
  public Map<String, Long> byThread() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    byThread.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  @Override
  public void logBeforeExecution(StatementContext context) {
    counted();
  }

  /** One statement sent, by JDBI or straight through JDBC ({@link DirectSql}). */
  void counted() {
    if (!counting) return;
    String origin = WRITE_FOR.get();
    byThread.computeIfAbsent(origin != null ? origin : Thread.currentThread().getName(), k -> new LongAdder()).increment();
  }

  /** The write, marked as done for the thread that asks for it now, wherever it runs. */
  <T> org.jdbi.v3.core.HandleCallback<T, RuntimeException> forCaller(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    if (!counting) return work;
    String caller = WRITE_FOR.get() != null ? WRITE_FOR.get() : Thread.currentThread().getName();
    writesByThread.computeIfAbsent(caller, k -> new LongAdder()).increment();
    return h -> {
      String before = WRITE_FOR.get();
      WRITE_FOR.set(caller);
      try {
        return work.withHandle(h);
      } finally {
        if (before == null) WRITE_FOR.remove();
        else WRITE_FOR.set(before);
      }
    };
  }
}
