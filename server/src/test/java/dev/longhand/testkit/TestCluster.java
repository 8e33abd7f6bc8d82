package dev.longhand.testkit;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Several servers in this JVM on one PostgreSQL database, as several nodes behind a load balancer: each with its own
 * data directory (search index, files), port, pool and node lease. The database is a fresh copy of the migrated one.
 */
public final class TestCluster implements AutoCloseable {
  private final Config config;
  private final List<Longhand> nodes = new ArrayList<>();
  private final java.util.Set<Longhand> stopped = new java.util.HashSet<>();

  private TestCluster(Config config, int size, Clock clock) {
    this.config = config;
    try {
      for (int i = 0; i < size; i++) {
        Config node = i == 0 ? config : config.withOverrides(null, Files.createTempDirectory("longhand-test-node" + i), null, null);
        nodes.add(Longhand.start(node, clock));
      }
    } catch (java.io.IOException | RuntimeException e) {
      close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** {@code size} servers on one new PostgreSQL database, with the suite's configuration. */
  public static TestCluster of(int size) {
    return of(size, c -> c);
  }

  /** {@code size} servers on one new PostgreSQL database, with the suite's configuration as {@code adjust} changes it (mail, say). */
  public static TestCluster of(int size, UnaryOperator<Config> adjust) {
    return new TestCluster(adjust.apply(TestServers.config(Db.POSTGRESQL)), size, Clock.systemUTC());
  }

  public Longhand node(int i) {
    return nodes.get(i);
  }

  public List<Longhand> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops node {@code i} (its claims pass to the others); the rest go on. */
  public void stop(int i) {
    if (stopped.add(nodes.get(i))) nodes.get(i).close();
  }

  /** Waits for every node's outbox consumers. */
  public void settle() throws InterruptedException {
    for (Longhand node : nodes) if (!stopped.contains(node)) node.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (Longhand node : nodes) if (stopped.add(node)) node.close();
    config.databaseUrl().ifPresent(Databases::drop);
  }
}
