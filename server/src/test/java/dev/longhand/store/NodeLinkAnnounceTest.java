package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.ThreadRead;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A node wakes the other nodes after each commit that appended events ({@link NodeLink#announce}), and only when
 * another node listens: alone, its wake-ups reached nobody but its own listener, which ignores them.
 */
@Timeout(60)
class NodeLinkAnnounceTest {
  private String url;
  private Database db;
  private OutboxDispatcher dispatcher;
  private Outbox outbox;
  private Connection overhearing;
  private Connection otherNode;

  @BeforeEach
  void open() throws Exception {
    url = Databases.freshUrl(Db.POSTGRESQL);
    db = Database.open(url);
    NodeLease lease = NodeLease.take(db, Clock.systemUTC());
    db.closeWith(lease);
    outbox = new Outbox(lease.ids(), Clock.systemUTC(), new ObjectMapper());
    dispatcher = new OutboxDispatcher(db, outbox);
    overhearing = DriverManager.getConnection(url); // not a node: its listening is not counted
    try (Statement s = overhearing.createStatement()) {
      s.execute("LISTEN " + NodeLink.OUTBOX);
    }
  }

  @AfterEach
  void close() throws Exception {
    if (otherNode != null) otherNode.close();
    if (overhearing != null) overhearing.close();
    if (dispatcher != null) dispatcher.close();
    if (db != null) db.close();
    Databases.drop(url);
  }

  @Test
  void aNodeAloneWakesNobodyAndWakesANodeThatJoins() throws Exception {
    db.writeAll(h -> outbox.append(h, 1, new ThreadRead(1, 1)));
    assertThat(heard(1500)).as("alone: no wake-up sent").isNull();

    Properties asNode = new Properties();
    asNode.setProperty("ApplicationName", "longhand-node-link"); // how a node's listening connection names itself
    otherNode = DriverManager.getConnection(url, asNode);
    try (Statement s = otherNode.createStatement()) {
      s.execute("LISTEN " + NodeLink.OUTBOX);
    }
    Thread.sleep(1200); // the count of the other nodes' listeners is at most a second old
    db.writeAll(h -> outbox.append(h, 1, new ThreadRead(2, 1)));
    assertThat(heard(5000)).as("another node listens: woken").isNotNull();
  }

  private PGNotification heard(int withinMs) throws Exception {
    PGNotification[] got = overhearing.unwrap(PGConnection.class).getNotifications(withinMs);
    return got == null || got.length == 0 ? null : got[0];
  }
}
