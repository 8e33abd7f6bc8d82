package dev.longhand.ops;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.longhand.due.DueWork;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxDispatcher;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's figures, in Prometheus' text format at {@code /metrics}: HTTP timings per route template, the JVM,
 * the connection pool, outbox lag per consumer, overdue due work, the mail queue, write batch sizes and open live
 * streams. One registry per server (tests run several in one JVM). Figures that need the database (lag, due work,
 * mail queue) are read once per scrape, not per request.
 */
public final class ServerMetrics implements AutoCloseable {
  /** Prometheus text format 0.0.4, which {@link PrometheusMeterRegistry#scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Clock clock;
  private final OutboxDispatcher dispatcher;
  private final DueWork dueWork;
  private final String mailKind;
  private final Map<String, Lag> lags = new ConcurrentHashMap<>();
  private volatile DueWork.Overdue overdue = new DueWork.Overdue(0, 0);
  private volatile long mailQueued;

  private static final class Lag {
    volatile long events;
    volatile double seconds;
  }

  public ServerMetrics(Clock clock, Database db, OutboxDispatcher dispatcher, DueWork dueWork, String mailKind) {
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.dueWork = dueWork;
    this.mailKind = mailKind;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    db.trackPool(new MicrometerMetricsTrackerFactory(registry));
    db.observeBatches(this::batch);
    if (db.dialect() == Database.Dialect.SQLITE) batchSizes(Database.GROUP_COMMIT);
    Gauge.builder("longhand.due.work.overdue", () -> overdue.count())
        .description("Due work whose time has come and that is not done yet").register(registry);
    Gauge.builder("longhand.due.work.overdue.oldest.seconds", () -> ageSeconds(overdue.oldestDueAt()))
        .description("How long ago the oldest overdue item fell due").register(registry);
    Gauge.builder("longhand.mail.queue", () -> mailQueued).description("Mail waiting to be sent").register(registry);
    Gauge.builder("longhand.outbox.undecodable.events", dispatcher::undecodable)
        .description("Stored events that did not decode since start (each is a bug or a foreign writer)").register(registry);
  }

  /** Counts the open live streams of one kind ({@code thread}, {@code badges}). */
  public void liveStreams(String stream, IntSupplier open) {
    Gauge.builder("longhand.sse.streams.open", open::getAsInt).tag("stream", stream)
        .description("Open server-sent event streams").register(registry);
  }

  /**
   * Counts that only grow, one per value of {@code tag} (replies by email by outcome), read when scraped; the counts
   * are held by their owner (Micrometer keeps only a weak reference).
   */
  public void counters(String name, String description, String tag, Map<String, ? extends Number> counts) {
    counts.forEach((value, count) -> io.micrometer.core.instrument.FunctionCounter.builder(name, count, Number::doubleValue)
        .tag(tag, value).description(description).register(registry));
  }

  /** Records one answered request under its route template. */
  void request(String method, String route, int status, long nanos) {
    // Registering looks the meter up through every filter and builds its id: a few microseconds that every request
    // paid. The set of (method, route, status) is small and bounded (route templates, never paths).
    requestTimers.computeIfAbsent(method + ' ' + status + ' ' + route, key -> Timer.builder("http.server.requests")
            .tags(Tags.of("method", method, "route", route, "status", Integer.toString(status)))
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();

  private void batch(String writer, int size) {
    batchSizes(writer).record(size);
  }

  private DistributionSummary batchSizes(String writer) {
    return batchSummaries.computeIfAbsent(writer, w -> DistributionSummary.builder("longhand.write.batch.size").tag("writer", w)
        .description("Writes committed together in one transaction").register(registry));
  }

  /** By writer: registering looks the meter up through the registry on every batch otherwise. */
  private final Map<String, DistributionSummary> batchSummaries = new ConcurrentHashMap<>();

  /** The figures now, in Prometheus' text format; those read from the database keep their last values while it is down. */
  public String scrape() {
    try {
      readFromDatabase();
    } catch (RuntimeException e) {
      log.warn("metrics: cannot read outbox lag and due work from the database: {}", e.toString());
    }
    return registry.scrape();
  }

  private void readFromDatabase() {
    List<OutboxDispatcher.Lag> now = dispatcher.lag();
    for (OutboxDispatcher.Lag l : now) {
      Lag lag = lags.computeIfAbsent(l.consumer(), name -> register(name, l.durable()));
      lag.events = l.events();
      lag.seconds = l.oldestAt() == 0 ? 0 : ageSeconds(l.oldestAt());
    }
    overdue = dueWork.overdue();
    mailQueued = dueWork.waiting(mailKind);
  }

  private Lag register(String consumer, boolean durable) {
    Lag lag = new Lag();
    Tags tags = Tags.of("consumer", consumer, "durable", Boolean.toString(durable));
    Gauge.builder("longhand.outbox.lag.events", () -> lag.events).tags(tags)
        .description("Committed events the consumer has not handled yet").register(registry);
    Gauge.builder("longhand.outbox.lag.seconds", () -> lag.seconds).tags(tags)
        .description("Age of the oldest event the consumer has not handled yet").register(registry);
    return lag;
  }

  private double ageSeconds(long epochMillis) {
    return epochMillis == 0 ? 0 : Math.max(0, clock.millis() - epochMillis) / 1000.0;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
