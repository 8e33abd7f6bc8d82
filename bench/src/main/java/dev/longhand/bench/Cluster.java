package dev.longhand.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Longhand nodes and HAProxy on loopback as separate processes, started and stopped by {@code scripts/cluster} on one
 * PostgreSQL database: node {@code i} at {@link #node}, HAProxy at {@link #base}. The nodes get rate limits off (every
 * client is 127.0.0.1) and a quiet request log; the launcher's heap budget ({@code LONGHAND_HEAP}) passes through. The
 * script's watchdog follows this JVM, so a crashed benchmark leaves nothing running.
 */
final class Cluster implements AutoCloseable {
  private static final Path SCRIPT = Path.of("scripts", "cluster");

  /** One process the script recorded: {@code node1}..{@code nodeN}, {@code haproxy}. */
  record Member(String name, long pid) {}

  private final int size;
  private final int port;
  private final Path dir;
  private final List<Member> members;
  private boolean stopped;

  private Cluster(int size, int port, Path dir, List<Member> members) {
    this.size = size;
    this.port = port;
    this.dir = dir;
    this.members = members;
  }

  /** Starts {@code size} nodes running {@code nodeCommand} (from the repository's root) and HAProxy in front. */
  static Cluster start(int size, String databaseUrl, Path dir, String nodeCommand) throws IOException, InterruptedException {
    if (!Files.isExecutable(SCRIPT)) throw new IOException(SCRIPT + " not found: run from the repository's root (./longhand does)");
    Files.createDirectories(dir);
    int port = freePorts(size + 1);
    String failed = script(300, "start", "--nodes", String.valueOf(size), "--port", String.valueOf(port),
        "--database-url", databaseUrl, "--dir", dir.toString(), "--watch-pid", String.valueOf(ProcessHandle.current().pid()),
        "--node-command", nodeCommand);
    if (failed != null) {
      script(60, "stop", "--dir", dir.toString());
      throw new IOException("scripts/cluster did not start " + size + " nodes:\n" + failed);
    }
    List<Member> members = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("pids"))) {
      String[] f = line.split(" ");
      if (f.length >= 2 && !f[0].equals("watchdog")) members.add(new Member(f[0], Long.parseLong(f[1])));
    }
    return new Cluster(size, port, dir, List.copyOf(members));
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Node {@code i}'s own address, past HAProxy (1 to the cluster's size). */
  String node(int i) {
    return "http://127.0.0.1:" + (port + i);
  }

  int size() {
    return size;
  }

  List<Member> nodes() {
    return members.stream().filter(m -> m.name().startsWith("node")).toList();
  }

  List<Member> haproxy() {
    return members.stream().filter(m -> m.name().equals("haproxy")).toList();
  }

  /** CPU time so far of every recorded process, by name (-1: gone). */
  Map<String, Long> cpuNanos() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    for (Member m : members) cpu.put(m.name(), DatabaseCpu.nanosOf(m.pid()));
    return cpu;
  }

  /** Each node's peak resident size (VmHWM) in MiB (-1: gone). */
  Map<String, Long> peakResidentMb() {
    Map<String, Long> peak = new LinkedHashMap<>();
    for (Member m : nodes()) peak.put(m.name(), Memory.peakResidentMb(m.pid()));
    return peak;
  }

  @Override
  public synchronized void close() {
    if (stopped) return;
    stopped = true;
    String failed = script(60, "stop", "--dir", dir.toString());
    if (failed != null) System.err.println("bench cluster: scripts/cluster stop failed:\n" + failed);
  }

  /** Runs the script; null when it succeeded, else what it printed. */
  private static String script(int seconds, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("LONGHAND_") && !k.equals("LONGHAND_HEAP"));
    env.put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/usr/local/sbin");
    env.put("LONGHAND_RATE_LIMITS", "off");
    env.put("LONGHAND_REQUEST_LOG", "WARN");
    try {
      Path log = Files.createTempFile("longhand-cluster-script", ".log");
      try {
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "scripts/cluster " + args[0] + " took longer than " + seconds + " s";
        }
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

  /** The first of {@code count} consecutive free loopback ports. */
  private static int freePorts(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int start = first.getLocalPort();
        if (start + count > 65535) continue;
        List<ServerSocket> rest = new ArrayList<>();
        try {
          for (int i = 1; i < count; i++) rest.add(new ServerSocket(start + i, 1, InetAddress.getLoopbackAddress()));
          return start;
        } catch (IOException taken) {
          // another range
        } finally {
          for (ServerSocket s : rest) s.close();
        }
      }
    }
    throw new IOException("no " + count + " consecutive free ports on loopback");
  }
}
