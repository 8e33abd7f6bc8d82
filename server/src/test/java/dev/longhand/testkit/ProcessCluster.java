package dev.longhand.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Server processes on one PostgreSQL database behind a real HAProxy, started and stopped by {@code scripts/cluster}:
 * node {@code i} (1 to N) at {@link #node}, HAProxy at {@link #base}. Each cluster gets a fresh copy of the migrated
 * database, dropped on {@link #close}. The nodes run this test JVM's class path ({@code mvn verify} has not packaged the
 * jar yet), with rate limits off (every client is 127.0.0.1) and a quiet request log.
 *
 * <p>Nothing outlives the test run: {@link #close} stops exactly what the script started; a shutdown hook closes a
 * cluster a test forgot; and the script's watchdog stops the cluster once this JVM is gone, however it went.
 *
 * <p>Without haproxy the test is skipped with a message, except under CI=true, where it fails: CI never skips for lack
 * of a service (.ci/run installs it with scripts/ensure-haproxy).
 */
public final class ProcessCluster implements AutoCloseable {
  private static final Path SCRIPT = repositoryRoot().resolve("scripts/cluster");

  private final int size;
  private final int port;
  private final Path dir;
  private final String databaseUrl;
  private final Thread hook = new Thread(this::stop);
  private boolean closed;
  private boolean stopped;

  private ProcessCluster(int size, int port, Path dir, String databaseUrl) {
    this.size = size;
    this.port = port;
    this.dir = dir;
    this.databaseUrl = databaseUrl;
  }

  /** {@code size} nodes and HAProxy on a new database, with {@code env} added to the nodes' environment (mail, say). */
  public static ProcessCluster start(int size, Map<String, String> env) {
    requireHaproxy();
    String url = TestServers.migratedPostgresDatabase();
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; attempt < 3; attempt++) { // another process may take one of the ports between the look and the start
      int port = freePorts(size + 1);
      try {
        Path dir = Files.createTempDirectory("longhand-cluster");
        ProcessCluster cluster = new ProcessCluster(size, port, dir, url);
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        String output = cluster.script(240, env, "start", "--nodes", String.valueOf(size), "--port", String.valueOf(port),
            "--database-url", url, "--dir", dir.toString(), "--watch-pid", String.valueOf(ProcessHandle.current().pid()),
            "--node-command", nodeCommand());
        if (output == null) return cluster;
        cluster.stopProcesses();
        Runtime.getRuntime().removeShutdownHook(cluster.hook);
        failures.add(output);
      } catch (IOException e) {
        failures.add(e.toString());
      }
    }
    TestServers.dropDatabase(url);
    throw new IllegalStateException("scripts/cluster did not start:\n" + String.join("\n---\n", failures));
  }

  /** HAProxy's address, in front of every node. */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Node {@code i}'s own address, 1 to the cluster's size. */
  public String node(int i) {
    if (i < 1 || i > size) throw new IllegalArgumentException("no node " + i);
    return "http://127.0.0.1:" + (port + i);
  }

  public int size() {
    return size;
  }

  /** The shared database (for checks that read it directly). */
  public String databaseUrl() {
    return databaseUrl;
  }

  /** Where the script keeps the pids, haproxy.cfg and every log. */
  public Path dir() {
    return dir;
  }

  /** Kills node {@code i} with SIGKILL: no shutdown, its connections cut by the kernel. */
  public void kill(int i) {
    node(i);
    String failed = script(30, Map.of(), "kill", "--dir", dir.toString(), "--node", String.valueOf(i));
    if (failed != null) throw new IllegalStateException("could not kill node " + i + ":\n" + failed);
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is this very call
    }
  }

  private synchronized void stop() {
    if (closed) return;
    closed = true;
    stopProcesses();
    TestServers.dropDatabase(databaseUrl);
  }

  private synchronized void stopProcesses() {
    if (stopped) return;
    stopped = true;
    String failed = script(60, Map.of(), "stop", "--dir", dir.toString());
    if (failed != null) System.err.println("scripts/cluster stop failed:\n" + failed);
  }

  /** Runs the script; null when it succeeded, else what it printed. */
  private String script(int seconds, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("LONGHAND_"));
    environment.put("CLASSPATH", System.getProperty("java.class.path"));
    environment.put("PATH", environment.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/usr/local/sbin");
    environment.put("LONGHAND_RATE_LIMITS", "off");
    environment.put("LONGHAND_REQUEST_LOG", "WARN");
    environment.putAll(env);
    try {
      Process p = pb.start();
      Path log = Files.createTempFile("longhand-cluster-script", ".log");
      try {
        var copy = Thread.ofVirtual().start(() -> {
          try (var in = p.getInputStream()) {
            Files.copy(in, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException ignored) {
            // the process ended
          }
        });
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
          p.destroyForcibly(); // start's trap stops what it had started only on TERM; a hung script is stopped by close
          return "scripts/cluster " + args[0] + " took longer than " + seconds + " s";
        }
        copy.join(java.time.Duration.ofSeconds(5));
        return p.exitValue() == 0 ? null : Files.readString(log, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * This JVM, running Main with the class path the script passes on as CLASSPATH, with the launcher's heap. Not C1
   * alone nor the serial collector: with them, sign-ups hashing passwords side by side held a node's health check past
   * its 2 s, and HAProxy took a live node out.
   */
  private static String nodeCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return "'" + java + "' --enable-native-access=ALL-UNNAMED -Xms64m -Xmx384m -XX:+ExitOnOutOfMemoryError dev.longhand.Main serve";
  }

  /** The first of {@code count} consecutive free loopback ports. */
  private static int freePorts(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int start = first.getLocalPort();
        if (start + count > 65535) continue;
        List<ServerSocket> rest = new ArrayList<>();
        try {
          for (int i = 1; i < count; i++) rest.add(new ServerSocket(start + i, 1, InetAddress.getLoopbackAddress()));
          return start;
        } catch (IOException taken) {
          // try another range
        } finally {
          for (ServerSocket s : rest) s.close();
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports on loopback");
  }

  private static void requireHaproxy() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) return;
    }
    String message = "haproxy is not installed";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(message + "; CI requires it (scripts/ensure-haproxy)");
    Assumptions.abort(message + "; skipping the several-process cluster. Run scripts/ensure-haproxy or .ci/run.");
  }

  private static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("scripts/cluster"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("scripts/cluster not found above " + Path.of("").toAbsolutePath());
    return p;
  }
}
