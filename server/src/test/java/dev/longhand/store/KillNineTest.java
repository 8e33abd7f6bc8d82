package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The promise that nothing acknowledged is lost: a real server process on embedded SQLite is killed with SIGKILL
 * while clients start threads and reply to them; then a power cut is simulated and the server restarted, and every
 * thread and reply it had acknowledged is there.
 *
 * <p>SIGKILL alone loses nothing the process had written (the kernel's page cache survives it), so it cannot notice
 * a missing fsync. A power cut loses what was not synced: the server ({@link KillNineServer}) notes the log's length
 * at each sync, and before the restart the test cuts the log back to the last length noted. A server that skipped
 * the sync notes nothing; then acknowledged writes are lost, which the second test asserts.
 */
class KillNineTest {
  private static final Pattern SERVING = Pattern.compile("serving at (http://127\\.0\\.0\\.1:\\d+)");
  private static final int CLIENTS = 4;
  private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 80;

  /** A thread the server acknowledged, with its writer's token and the replies to it that were acknowledged. */
  private record Acknowledged(String token, Set<String> replies) {}

  private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyAcknowledgedThreadAndReplySurvivesKillNineAndAPowerCut() throws Exception {
    Path dataDir = Files.createTempDirectory("longhand-kill9");
    writeUntilKilled(dataDir, "synced");

    Server second = Server.start(dataDir, "synced");
    try {
      List<String> missing = missing(second);
      System.out.printf("[kill9 synced] %d writes acknowledged, %d missing after the power cut%n", writes.get(), missing.size());
      assertThat(missing).as("acknowledged writes lost by the power cut").isEmpty();
    } finally {
      second.kill();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aServerThatSkipsTheSyncIsCaughtLosingAcknowledgedWrites() throws Exception {
    Path dataDir = Files.createTempDirectory("longhand-kill9-unsynced");
    writeUntilKilled(dataDir, "unsynced");

    Server second = Server.start(dataDir, "synced");
    try {
      List<String> missing = missing(second);
      System.out.printf("[kill9 unsynced] %d writes acknowledged, %d missing after the power cut%n", writes.get(), missing.size());
      assertThat(missing).as("what a power cut takes from a server that never synced").isNotEmpty();
    } finally {
      second.kill();
    }
  }

  /** Starts a server, writes with several clients until enough is acknowledged, kills it and cuts its power. */
  private void writeUntilKilled(Path dataDir, String mode) throws Exception {
    Server first = Server.start(dataDir, mode);
    AtomicBoolean stop = new AtomicBoolean();
    List<java.lang.Thread> clients = new ArrayList<>();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        Api api = person(first.base, c);
        String space = space(api);
        clients.add(java.lang.Thread.ofVirtual().start(() -> writeThreadsAndReplies(api, space, stop)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (writes.get() < ACKNOWLEDGED_BEFORE_THE_KILL && System.nanoTime() < deadline) java.lang.Thread.sleep(20);
      assertThat(writes.get()).as("writes acknowledged within a minute").isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);
    } finally {
      first.kill(); // SIGKILL while the clients write: no shutdown hooks, no flush
      stop.set(true);
      for (java.lang.Thread t : clients) assertThat(t.join(java.time.Duration.ofSeconds(30))).isTrue();
    }
    cutThePower(dataDir);
  }

  /** A client starts a thread, replies to it three times, and again; each write counts once acknowledged. */
  private void writeThreadsAndReplies(Api api, String space, AtomicBoolean stop) {
    try {
      while (!stop.get()) {
        var thread = api.post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Before the kill", "body", "Still here?"));
        if (thread.status() != 201) continue;
        String id = thread.text("id");
        acknowledged.put(id, new Acknowledged(api.token(), ConcurrentHashMap.newKeySet()));
        writes.incrementAndGet();
        for (int r = 0; r < 3 && !stop.get(); r++) {
          var reply = api.post("/api/v1/threads/" + id + "/replies", Map.of("body", "Reply " + r));
          if (reply.status() != 201) continue;
          acknowledged.get(id).replies().add(reply.text("id"));
          writes.incrementAndGet();
        }
      }
    } catch (RuntimeException connectionLost) {
      // the server is gone
    }
  }

  /**
   * What a power cut leaves: the log as long as it was at the last sync noted, and no shared-memory index (SQLite
   * rebuilds it from the log).
   */
  private static void cutThePower(Path dataDir) throws IOException {
    List<String> notes = Files.readAllLines(dataDir.resolve(KillNineServer.SYNCED_LENGTHS), StandardCharsets.US_ASCII);
    long durable = 0;
    for (String n : notes) if (!n.isBlank()) durable = Long.parseLong(n.strip()); // a torn last line has no newline: readAllLines still ends it
    Path log = dataDir.resolve("longhand.db-wal");
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      assertThat(channel.size()).as("the log holds what was synced").isGreaterThanOrEqualTo(durable);
      channel.truncate(durable);
    }
    Files.deleteIfExists(dataDir.resolve("longhand.db-shm"));
  }

  /** The acknowledged threads and replies the restarted server does not have. */
  private List<String> missing(Server server) {
    List<String> missing = new ArrayList<>();
    acknowledged.forEach((thread, ack) -> {
      var read = new Api(server.base, ack.token()).get("/api/v1/threads/" + thread);
      if (read.status() != 200) {
        missing.add("thread " + thread + " (" + read.status() + ")");
        return;
      }
      Set<String> replies = new HashSet<>();
      for (JsonNode r : read.json().get("replies")) replies.add(r.path("id").asText());
      for (String reply : ack.replies()) if (!replies.contains(reply)) missing.add("reply " + reply + " to " + thread);
    });
    return missing;
  }

  /** A person of their own for each client, with an API token. */
  private static Api person(String base, int client) {
    Api anonymous = new Api(base, null);
    String email = "writer" + client + "@example.test";
    var created = anonymous.post("/api/v1/accounts", Map.of("email", email, "name", "Writer " + client, "password", "correct horse battery"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var token = anonymous.post("/api/v1/tokens", Map.of("email", email, "password", "correct horse battery", "label", "kill9"));
    assertThat(token.text("token")).as(token.body()).startsWith("lh_");
    return anonymous.as(token.text("token"));
  }

  /** A workspace and a space of the person's own to write in. */
  private static String space(Api api) {
    String workspace = api.post("/api/v1/workspaces", Map.of("name", "Durable")).text("id");
    var space = api.post("/api/v1/workspaces/" + workspace + "/spaces", Map.of("name", "Writes", "visibility", "public"));
    assertThat(space.status()).as(space.body()).isEqualTo(201);
    return space.text("id");
  }

  private record Server(Process process, String base) {
    static Server start(Path dataDir, String mode) throws Exception {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), KillNineServer.class.getName(), dataDir.toString(), mode);
      pb.environment().remove("LONGHAND_DATABASE_URL");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          java.lang.Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
          return new Server(p, m.group(1));
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("the server did not start");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
