package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The promise that nothing acknowledged is lost: a real server process on embedded SQLite is
 * killed with SIGKILL while clients write; after a restart every write it had acknowledged is there.
 */
class KillNineTest {
  private static final Pattern SERVING = Pattern.compile("serving at http://127.0.0.1:(\\d+)");

  @Test
  void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
    Path dataDir = Files.createTempDirectory("longhand-kill9");
    Server first = Server.start(dataDir);
    List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(Thread.ofVirtual().start(() -> {
        Api api = new Api(first.base, null);
        for (int i = 0; !stop.get(); i++) {
          String email = "k" + writer + "-" + i + "@example.test";
          try {
            var r = api.post("/api/v1/accounts", Map.of("email", email, "name", "K", "password", "long enough password"));
            if (r.status() == 201) acknowledged.add(email);
          } catch (RuntimeException connectionLost) {
            return;
          }
        }
      }));
    }
    while (acknowledged.size() < 40) Thread.sleep(20);
    first.process.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
    first.process.waitFor(10, TimeUnit.SECONDS);
    stop.set(true);
    for (Thread t : writers) t.join();

    Server second = Server.start(dataDir);
    try {
      Api api = new Api(second.base, null);
      for (String email : List.copyOf(acknowledged)) {
        var again = api.post("/api/v1/accounts", Map.of("email", email, "name", "K", "password", "long enough password"));
        assertThat(again.status()).as("account " + email + " was acknowledged before the kill").isEqualTo(409);
      }
    } finally {
      second.process.destroyForcibly();
    }
  }

  private record Server(Process process, String base) {
    static Server start(Path dataDir) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
          "-cp", System.getProperty("java.class.path"), "dev.longhand.Main", "serve", "--port", "0", "--data-dir", dataDir.toString());
      pb.environment().remove("LONGHAND_DATABASE_URL");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
          return new Server(p, "http://127.0.0.1:" + m.group(1));
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("the server did not start");
    }
  }
}
