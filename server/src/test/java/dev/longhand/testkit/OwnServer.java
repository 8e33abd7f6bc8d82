package dev.longhand.testkit;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A server of the test's own (its own database, a configuration or clock of its own), with a team and one public
 * space: what tests on a {@link TestClock} (held deliveries, digests, reminders) and tests of upload limits set up
 * before each test and close after it.
 */
public final class OwnServer implements AutoCloseable {
  public final Config config;
  public final Longhand server;
  public final Team team;
  public final String space;

  private OwnServer(Config config, Clock clock, String spaceName) {
    this.config = config;
    this.server = Longhand.start(config, clock);
    if (clock instanceof TestClock test) test.whenMoved(server::clockMoved);
    this.team = Team.on(server);
    this.space = team.createSpace(team.ana, spaceName, "public");
    // On a test clock, the consumers take the sign-ups at the clock's first time: they schedule each member's first
    // digest from the time they read when they run, and one that ran after a test moved the clock past that digest
    // scheduled the next (DigestContentTest then saw a day's first digest covering the night, once in a suite run).
    if (clock instanceof TestClock) awaitConsumers();
  }

  private void awaitConsumers() {
    try {
      if (!server.dispatcher().awaitIdle(10, TimeUnit.SECONDS)) throw new IllegalStateException("the outbox consumers did not catch up");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A server with the suite's configuration for {@code db} on a test clock, with a space named {@code spaceName}. */
  public static OwnServer at(Db db, TestClock clock, String spaceName) {
    return new OwnServer(TestServers.config(db), clock, spaceName);
  }

  /** A server with a configuration of the test's own on a test clock (a webhook allow-list, say). */
  public static OwnServer at(Config config, TestClock clock, String spaceName) {
    return new OwnServer(config, clock, spaceName);
  }

  /** A server with a configuration of the test's own on the system clock. */
  public static OwnServer with(Config config, String spaceName) {
    return new OwnServer(config, Clock.systemUTC(), spaceName);
  }

  /** Lets the outbox consumers and due work finish what the last step started (the background ticker too). */
  public void settle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
      server.dueWork().runDue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.dueWork().overdue().count() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
  }

  /** A signed-in browser session of one of the team. */
  public WebSession web(Team.Person p) {
    return WebSession.signedIn(server.baseUrl(), p.email(), "correct horse battery");
  }

  /** Waits for the consumers, stops the server and drops its database. */
  @Override
  public void close() {
    try {
      server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    config.databaseUrl().ifPresent(Databases::drop);
  }
}
