package dev.longhand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.bench.ApiClient.ApiException;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The API workload against one running server: set up a team, seed threads, then post and read. */
final class LoadRun {
  private static final String PASSWORD = "bench-password-1234";
  private static final String FILLER = " Looks good to me; one note on the rollout plan before we ship it to everyone.";

  private LoadRun() {}

  /** An owner and N member clients, each signed in with a token, in one workspace with one public space. */
  record Team(List<ApiClient> members, List<Long> memberIds, String workspaceId, String spaceId) {}

  static Team setUp(String baseUrl, int clients) throws IOException, InterruptedException, ApiException {
    ApiClient owner = new ApiClient(baseUrl);
    signUp(owner, "owner");
    String workspace = owner.call("POST", "/api/v1/workspaces", Map.of("name", "Bench")).path("id").asText();
    String space = owner.call("POST", "/api/v1/workspaces/" + workspace + "/spaces",
        Map.of("name", "Load", "visibility", "public")).path("id").asText();
    List<ApiClient> members = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= clients; i++) {
      ApiClient member = new ApiClient(baseUrl);
      ids.add(signUp(member, "client" + i));
      String code = owner.call("POST", "/api/v1/workspaces/" + workspace + "/invitations", Map.of("role", "member"))
          .path("code").asText();
      member.call("POST", "/api/v1/invitations/" + code + "/accept", null);
      members.add(member);
    }
    return new Team(members, ids, workspace, space);
  }

  private static long signUp(ApiClient client, String who) throws IOException, InterruptedException, ApiException {
    String email = who + "@bench.longhand.test";
    JsonNode account = client.call("POST", "/api/v1/accounts", Map.of("email", email, "name", "Bench " + who, "password", PASSWORD));
    String token = client.call("POST", "/api/v1/tokens", Map.of("email", email, "password", PASSWORD, "label", "bench"))
        .path("token").asText();
    client.useToken(token);
    return Long.parseLong(account.path("id").asText());
  }

  /** The threads to post into (made through the API), and how the seed was made. */
  record Seeded(List<String> hot, int viaApi, int viaSql, double seconds) {}

  /**
   * Seeds {@code total} threads: through the API from every client at once while {@code apiBudget}
   * lasts (always at least {@code hot} of them), then the rest with batched SQL. The hot threads,
   * spread over the API-made ones, are where replies go.
   */
  static Seeded seed(Team team, Database db, int total, int hot, Duration apiBudget) throws Exception {
    long start = System.nanoTime();
    String path = "/api/v1/spaces/" + team.spaceId() + "/threads";
    List<String> made = Collections.synchronizedList(new ArrayList<>());
    made.add(team.members().get(0).call("POST", path, thread(0)).path("id").asText()); // a 404 shows here, once
    AtomicInteger next = new AtomicInteger(1);
    long deadline = start + apiBudget.toNanos();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> clients = new ArrayList<>();
      for (ApiClient c : team.members()) {
        clients.add(pool.submit(() -> {
          int n;
          while ((n = next.getAndIncrement()) < total && (n < hot || System.nanoTime() < deadline)) {
            made.add(c.call("POST", path, thread(n)).path("id").asText());
          }
          return null;
        }));
      }
      for (Future<Void> f : clients) unwrap(f);
    }
    int viaApi = made.size();
    int viaSql = Math.max(0, total - viaApi);
    if (viaSql > 0) insertThreads(db, team, viaSql);
    List<String> hotThreads = new ArrayList<>();
    for (int i = 0; i < hot && i < viaApi; i++) hotThreads.add(made.get((int) ((long) i * viaApi / hot)));
    return new Seeded(hotThreads, viaApi, viaSql, (System.nanoTime() - start) / 1e9);
  }

  private static Map<String, String> thread(int n) {
    return Map.of("title", "Seed thread " + n, "body", "Opening post of seed thread " + n + "." + FILLER);
  }

  /** Threads straight into the table, 1,000 per transaction; they carry no inbox rows. */
  private static void insertThreads(Database db, Team team, int count) {
    Ids ids = new Ids(Clock.systemUTC(), 7);
    long workspace = Long.parseLong(team.workspaceId());
    long space = Long.parseLong(team.spaceId());
    for (int done = 0; done < count; ) {
      int batch = Math.min(1000, count - done);
      int from = done;
      db.writeAll(h -> {
        PreparedBatch b = h.prepareBatch("""
            INSERT INTO threads (id, workspace_id, space_id, author_id, title, body, created_at, last_activity_at, reply_count)
            VALUES (:id, :ws, :space, :author, :title, :body, :now, :now, 0)""");
        long now = System.currentTimeMillis();
        for (int i = from; i < from + batch; i++) {
          b.bind("id", ids.next()).bind("ws", workspace).bind("space", space)
              .bind("author", team.memberIds().get(i % team.memberIds().size()))
              .bind("title", "SQL seed thread " + i).bind("body", "Opening post of SQL seed thread " + i + "." + FILLER)
              .bind("now", now).add();
        }
        b.execute();
      });
      done += batch;
    }
  }

  /** The measured mix: counts, latencies in microseconds and the first few failures. */
  record Measured(long replies, long inboxReads, long errors, List<String> errorSamples, double seconds,
                  Histogram replyMicros, Histogram inboxMicros) {
    double repliesPerSecond() {
      return seconds > 0 ? replies / seconds : 0;
    }
  }

  /**
   * Every client, on its own virtual thread, posts replies into random hot threads and reads its
   * inbox every {@code inboxEvery}th request (0: never), back to back, until the time is up.
   */
  static Measured run(Team team, List<String> threads, Duration duration, int inboxEvery) throws Exception {
    return run(team, threads, duration, inboxEvery, 0);
  }

  /**
   * As above, but with {@code rate} > 0 the clients together send that many requests a second, each client its share
   * at even intervals, rather than back to back (an open loop, as wrk2 runs): two builds are then compared under the
   * same load, where back to back the one that posts faster also loads the machine more and slows its own reads. A
   * request's time counts from when it was due, not from when it was sent, so a server that falls behind is charged
   * for the wait it caused (coordinated omission).
   */
  static Measured run(Team team, List<String> threads, Duration duration, int inboxEvery, double rate) throws Exception {
    List<Histogram> replies = new ArrayList<>();
    List<Histogram> inboxes = new ArrayList<>();
    List<long[]> errors = new ArrayList<>();
    List<String> samples = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> clients = new ArrayList<>();
      for (int c = 0; c < team.members().size(); c++) {
        ApiClient client = team.members().get(c);
        Histogram reply = Throughput.newHistogram();
        Histogram inbox = Throughput.newHistogram();
        long[] failed = new long[1];
        replies.add(reply);
        inboxes.add(inbox);
        errors.add(failed);
        int who = c + 1;
        clients.add(pool.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          long interval = rate > 0 ? (long) (1e9 * team.members().size() / rate) : 0;
          long due = start + (interval > 0 ? random.nextLong(interval) : 0); // the clients' turns spread over one interval
          for (long i = 1; System.nanoTime() < deadline; i++, due += interval) {
            if (interval > 0) {
              long ahead = due - System.nanoTime();
              if (ahead > 0) LockSupport.parkNanos(ahead);
            }
            boolean read = inboxEvery > 0 && i % inboxEvery == 0;
            String method = read ? "GET" : "POST";
            String path = read ? "/api/v1/inbox" : "/api/v1/threads/" + threads.get(random.nextInt(threads.size())) + "/replies";
            Object body = read ? null : Map.of("body", "Reply " + i + " from client " + who + "." + FILLER);
            long t0 = interval > 0 ? due : System.nanoTime();
            try {
              ApiClient.Answer a = client.send(method, path, body);
              long micros = (System.nanoTime() - t0) / 1000;
              if (a.ok()) {
                (read ? inbox : reply).recordValue(Math.min(micros, reply.getHighestTrackableValue()));
              } else {
                failed[0]++;
                if (samples.size() < 5) samples.add(method + " " + path + " -> " + a.status() + " " + abbreviate(a.text()));
              }
            } catch (IOException e) {
              failed[0]++;
              if (samples.size() < 5) samples.add(method + " " + path + " -> " + e);
            }
          }
          return null;
        }));
      }
      for (Future<Void> f : clients) unwrap(f);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram reply = Throughput.newHistogram();
    Histogram inbox = Throughput.newHistogram();
    replies.forEach(reply::add);
    inboxes.forEach(inbox::add);
    long failures = errors.stream().mapToLong(f -> f[0]).sum();
    return new Measured(reply.getTotalCount(), inbox.getTotalCount(), failures, List.copyOf(samples), seconds, reply, inbox);
  }

  /**
   * The harness's own ceiling: the same clients calling {@code GET /health} (no database) back to
   * back, so replies/s can be read against what HTTP on this machine allows at all.
   */
  static Throughput ceiling(Team team, Duration duration) throws Exception {
    List<Histogram> histograms = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> clients = new ArrayList<>();
      for (ApiClient client : team.members()) {
        Histogram h = Throughput.newHistogram();
        histograms.add(h);
        clients.add(pool.submit(() -> {
          while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            if (client.send("GET", "/health", null).ok()) h.recordValue(Math.min((System.nanoTime() - t0) / 1000, h.getHighestTrackableValue()));
          }
          return null;
        }));
      }
      for (Future<Void> f : clients) unwrap(f);
    }
    Histogram all = Throughput.newHistogram();
    histograms.forEach(all::add);
    return new Throughput("GET /health, " + team.members().size() + " clients", all.getTotalCount(),
        (System.nanoTime() - start) / 1e9, all, "no database work");
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static void unwrap(Future<Void> f) throws Exception {
    try {
      f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      throw e;
    }
  }
}
