package dev.longhand.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's line to the other nodes on its database: telling them something happened (PostgreSQL's NOTIFY),
 * hearing what they tell (LISTEN, on a connection of its own), and claiming work that one node at a time may do
 * (a session advisory lock held by that connection, so a node that dies lets go with its connection).
 *
 * <p>With SQLite there is one node: what it tells reaches its own handlers and every claim is held.
 *
 * <p>What is told is a hint, never the only way news travels: a notification lost while the connection was down
 * only delays (each listener hears a {@code null} when the connection comes back, and whoever depends on news
 * also polls or bounds how long it trusts what it knows).
 */
public final class NodeLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeLink.class);
  /** The channel a node tells after a commit that appended outbox events. */
  public static final String OUTBOX = "longhand_outbox";
  /** The channel on which a node confirms that it heard a telling that asked for confirmation ({@link #tellEveryNode}). */
  private static final String HEARD = "longhand_heard";
  /** How the listening connections name themselves, so that a node can count the others' in pg_stat_activity. */
  private static final String APPLICATION = "longhand-node-link";
  /**
   * This node's listening connection's name: {@value #APPLICATION} and a mark of its own, so that its count of the
   * others leaves its own out from the moment it connects (by its backend's pid, it counted its own connection while
   * the pid was not yet read, and woke nobody in vain).
   */
  private final String application = APPLICATION + " " + UUID.randomUUID().toString().substring(0, 8);
  /** How long the listener waits for a notification before it looks at its claims again. */
  private static final int WAIT_MS = 250;
  /** How often a claim that another node holds is tried again. */
  private static final long RETRY_CLAIM_NANOS = 1_000_000_000L;
  /** How often an idle listener checks that its connection is alive (a dead one must not go on believing it holds claims). */
  private static final long CHECK_NANOS = 5_000_000_000L;

  private final Database db;
  /** The database's URL; null with SQLite. */
  private final String url;
  /** Who tells: a node hears everyone else's notifications, not its own. */
  private final String origin = UUID.randomUUID().toString();
  private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
  private final Map<String, Claim> claims = new ConcurrentHashMap<>();
  private final Set<String> toAnnounce = ConcurrentHashMap.newKeySet();
  private final Object announcing = new Object();
  /** Tellings awaiting the other nodes' word that they heard them, by ticket: each confirmation releases one. */
  private final Map<String, Semaphore> awaiting = new ConcurrentHashMap<>();
  /** The listening connection's backend, which the count of other nodes' listeners leaves out (0: not listening). */
  private volatile int listenerBackend;
  private volatile boolean running = true;
  private volatile Thread listener;
  /** The listener's connection while it has one: {@link #close} aborts it rather than wait out the listener's 250 ms wait. */
  private volatile Connection listenerConnection;
  private Thread announcer;

  NodeLink(Database db, String url) {
    this.db = db;
    this.url = url;
  }

  /** Whether other nodes can share this database (PostgreSQL). */
  public boolean shared() {
    return url != null;
  }

  /** Calls {@code handler} with the payload of whatever another node tells on {@code channel} (null: news may have been missed). */
  public void listen(String channel, Consumer<String> handler) {
    checkChannel(channel);
    handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    startListening();
  }

  /**
   * Tells every node, this one at once (its handlers run before this returns) and the others after their
   * listeners hear it; call it after the change it announces has committed.
   */
  public void tell(String channel, String payload) {
    checkChannel(channel);
    deliver(channel, payload);
    if (url != null) notifyOthers(channel, payload);
  }

  /**
   * Tells every node and waits until each other node listening on this database has heard it and run its handlers,
   * or until {@code wait} has passed (a node that died without closing its connection cannot answer; PostgreSQL ends
   * its connection soon after). For news that must hold everywhere once the call that caused it returns: a revoked
   * API token is refused by every node from the moment the revocation is answered. Returns whether all confirmed.
   */
  public boolean tellEveryNode(String channel, String payload, Duration wait) throws InterruptedException {
    checkChannel(channel);
    deliver(channel, payload);
    if (url == null) return true;
    startListening();
    long until = System.nanoTime() + wait.toNanos();
    while (listenerBackend == 0 && System.nanoTime() < until) Thread.sleep(5); // its own listener, to hear the confirmations
    int others = otherListeners();
    if (others == 0) {
      notifyOthers(channel, payload);
      return true;
    }
    String ticket = UUID.randomUUID().toString();
    Semaphore heard = new Semaphore(0);
    awaiting.put(ticket, heard);
    try {
      notifyOthers(channel, "!" + ticket + " " + payload);
      boolean all = heard.tryAcquire(others, Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!all) log.warn("{} of {} other nodes confirmed hearing {} within {}", heard.availablePermits(), others, channel, wait);
      return all;
    } finally {
      awaiting.remove(ticket);
    }
  }

  /** How many other nodes listen on this database now: their listening connections, named {@value #APPLICATION}. */
  private int otherListeners() {
    return db.read(h -> h.createQuery("""
            SELECT COUNT(*) FROM pg_stat_activity
            WHERE datname = current_database() AND (application_name = :app OR application_name LIKE :named) AND application_name <> :me""")
        .bind("app", APPLICATION).bind("named", APPLICATION + " %").bind("me", application).mapTo(Integer.class).one());
  }

  /**
   * Tells the other nodes, without waiting: announcements made while one is being sent go out as one. For wake-ups
   * after every commit, where what matters is that one arrives soon after the last.
   */
  public void announce(String channel) {
    if (url == null) return;
    toAnnounce.add(channel);
    synchronized (announcing) {
      if (announcer == null && running) announcer = Thread.ofVirtual().name("node-link-announcer").start(this::announceLoop);
      announcing.notifyAll();
    }
  }

  /**
   * The claim of {@code name}: held by one node at a time. The node that asks keeps trying until it holds it or
   * {@link Claim#release}s it.
   */
  public Claim claim(String name) {
    Claim claim = claims.computeIfAbsent(name, n -> new Claim(n, lockKey(n), url == null));
    claim.wanted = true;
    startListening();
    return claim;
  }

  /** One node's right to some work, while its line to the database holds. */
  public static final class Claim {
    private final String name;
    private final long key;
    private volatile boolean held;
    private volatile boolean wanted = true;
    private long lastTry;

    private Claim(String name, long key, boolean held) {
      this.name = name;
      this.key = key;
      this.held = held;
    }

    /** Whether this node holds it now. */
    public boolean held() {
      return held;
    }

    /** Lets another node take it (within a quarter of a second). */
    public void release() {
      wanted = false;
    }

    @Override
    public String toString() {
      return name + (held ? " (held)" : "");
    }
  }

  private synchronized void startListening() {
    if (url == null || listener != null || !running) return;
    listener = Thread.ofPlatform().daemon().name("node-link-listener").start(this::listenLoop);
  }

  private void listenLoop() {
    while (running) {
      try (Connection c = connect()) {
        listenerConnection = c;
        if (!running) return; // closed while connecting: close found no connection to abort
        PGConnection pg = c.unwrap(PGConnection.class);
        Set<String> listening = new java.util.HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          listenerBackend = rs.getInt(1);
          st.execute("LISTEN " + HEARD);
        }
        long lastCheck = System.nanoTime();
        boolean first = true;
        while (running) {
          for (String channel : handlers.keySet()) {
            if (listening.add(channel)) {
              try (Statement st = c.createStatement()) {
                st.execute("LISTEN " + channel);
              }
            }
          }
          if (first) {
            first = false;
            handlers.forEach((channel, list) -> list.forEach(h -> call(h, channel, null))); // news may have been missed while no one listened
          }
          keepClaims(c);
          PGNotification[] heard = pg.getNotifications(WAIT_MS);
          if (heard != null && heard.length > 0) {
            lastCheck = System.nanoTime();
            for (PGNotification n : heard) heard(c, n.getName(), n.getParameter());
          } else if (System.nanoTime() - lastCheck > CHECK_NANOS) {
            try (Statement st = c.createStatement()) {
              st.execute("SELECT 1");
            }
            lastCheck = System.nanoTime();
          }
        }
        releaseAll(c);
      } catch (SQLException e) {
        for (Claim claim : claims.values()) claim.held = false;
        if (!running) return;
        log.warn("node link to the database lost ({}); claims let go, trying again in a second", e.getMessage());
        sleepQuietly(1000);
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("ApplicationName", application);
    props.setProperty("socketTimeout", "30"); // a check that hangs this long means the line is dead
    props.setProperty("tcpKeepAlive", "true");
    Connection c = DriverManager.getConnection(url, props);
    c.setAutoCommit(true);
    return c;
  }

  /** Takes the claims wanted and not held (another node's are tried again each second), lets go of those released. */
  private void keepClaims(Connection c) throws SQLException {
    long now = System.nanoTime();
    for (Claim claim : claims.values()) {
      if (claim.wanted && !claim.held && now - claim.lastTry >= RETRY_CLAIM_NANOS) {
        claim.lastTry = now;
        claim.held = lockQuery(c, "SELECT pg_try_advisory_lock(?)", claim.key);
        if (claim.held) log.info("this node now runs {}", claim.name);
      } else if (!claim.wanted && claim.held) {
        lockQuery(c, "SELECT pg_advisory_unlock(?)", claim.key);
        claim.held = false;
        claims.remove(claim.name, claim);
      }
    }
  }

  private void releaseAll(Connection c) {
    for (Claim claim : claims.values()) {
      claim.held = false;
      try {
        lockQuery(c, "SELECT pg_advisory_unlock(?)", claim.key);
      } catch (SQLException e) {
        return; // closing the connection lets go of the rest
      }
    }
  }

  private static boolean lockQuery(Connection c, String sql, long key) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * A notification: a confirmation of this node's telling (counted), or another node's telling, delivered to the
   * handlers and, when it asks for one ({@code !ticket} first), confirmed once they have run.
   */
  private void heard(Connection c, String channel, String parameter) throws SQLException {
    if (channel.equals(HEARD)) {
      Semaphore waiting = awaiting.get(parameter);
      if (waiting != null) waiting.release();
      return;
    }
    int space = parameter.indexOf(' ');
    String from = space < 0 ? parameter : parameter.substring(0, space);
    if (from.equals(origin)) return; // told here, and heard here when it was told
    String payload = space < 0 ? "" : parameter.substring(space + 1);
    String ticket = null;
    if (payload.startsWith("!")) {
      int end = payload.indexOf(' ');
      ticket = payload.substring(1, end < 0 ? payload.length() : end);
      payload = end < 0 ? "" : payload.substring(end + 1);
    }
    deliver(channel, payload);
    if (ticket != null) {
      try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
        st.setString(1, HEARD);
        st.setString(2, ticket);
        st.execute();
      }
    }
  }

  private void deliver(String channel, String payload) {
    List<Consumer<String>> list = handlers.get(channel);
    if (list != null) list.forEach(h -> call(h, channel, payload));
  }

  private static void call(Consumer<String> handler, String channel, String payload) {
    try {
      handler.accept(payload);
    } catch (RuntimeException e) {
      log.error("a listener on {} failed", channel, e);
    }
  }

  private void notifyOthers(String channel, String payload) {
    db.read(h -> {
      try (PreparedStatement st = h.getConnection().prepareStatement("SELECT pg_notify(?, ?)")) {
        st.setString(1, channel);
        st.setString(2, origin + " " + payload);
        st.execute();
      } catch (SQLException e) {
        throw new IllegalStateException("could not tell the other nodes on " + channel, e);
      }
      return null;
    });
  }

  private void announceLoop() {
    while (running) {
      synchronized (announcing) {
        while (running && toAnnounce.isEmpty()) {
          try {
            announcing.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      for (String channel : List.copyOf(toAnnounce)) {
        toAnnounce.remove(channel);
        try {
          if (!othersListen()) continue;
          notifyOthers(channel, "");
        } catch (RuntimeException e) {
          log.warn("could not wake the other nodes on {}; they find out by polling", channel, e);
          sleepQuietly(1000);
        }
      }
    }
  }

  /** How long a count of the other nodes' listeners is trusted: a node that joins waits at most this (and polls). */
  private static final long OTHERS_FRESH_NANOS = 1_000_000_000L;
  private long othersCountedAt;
  private boolean othersListened = true;

  /**
   * Whether another node listens, counted at most once a second (by the announcer only): alone, a node's wake-ups
   * reached only its own listener, which ignores them, yet each cost a round trip and woke a backend and a thread
   * (0.4 a reply under the load benchmark). A node that joins is told from the next count on, and polls meanwhile.
   */
  private boolean othersListen() {
    long now = System.nanoTime();
    if (othersCountedAt == 0 || now - othersCountedAt > OTHERS_FRESH_NANOS) {
      othersListened = otherListeners() > 0;
      othersCountedAt = now;
    }
    return othersListened;
  }

  private static void checkChannel(String channel) {
    if (!channel.matches("[a-z_]{1,60}")) throw new IllegalArgumentException("not a channel name: " + channel);
  }

  /** The advisory lock's key for a claim's name: the first 8 bytes of its SHA-256. */
  static long lockKey(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("longhand-claim:" + name).getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) key = (key << 8) | (digest[i] & 0xff);
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends the listener's connection under it, from this thread (what JDBC's {@code abort} is for): its wait for
   * notifications ends at once, and the database lets go of the claims' locks with the connection.
   */
  private void abortListening() {
    Connection c = listenerConnection;
    if (c == null) return;
    try {
      c.abort(Runnable::run);
    } catch (SQLException e) {
      log.debug("could not abort the node link's connection; the listener ends after its wait", e);
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and lets go of every claim (closing its connection does, for any the database still holds). */
  @Override
  public void close() {
    running = false;
    synchronized (announcing) {
      announcing.notifyAll();
    }
    abortListening();
    Thread t = listener;
    if (t != null) {
      try {
        t.join(java.time.Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Claim claim : claims.values()) claim.held = false;
  }
}
