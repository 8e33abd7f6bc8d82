package dev.longhand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What {@code bench cluster} checks once the posting is over: nothing acknowledged is missing or doubled, every node's
 * outbox consumers caught up, every node's own search index has the last reply, and a member who never posted sees
 * every post as unread. Each check says what it found, so a failure in the report shows its numbers.
 */
final class ClusterCheck {
  /** One check's outcome. */
  record Outcome(String name, boolean ok, String detail) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterCheck() {}

  /** Posts the last reply (with a word no other post has) and finds it through each node's own port. */
  static Outcome searchOnEveryNode(Cluster cluster, ApiClient poster, String thread, Duration wait, long[] acknowledged) throws Exception {
    String word = "quokka" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    ApiClient.Answer posted = poster.send("POST", "/api/v1/threads/" + thread + "/replies",
        Map.of("body", "The last reply of the run: who has seen the " + word + "?"));
    if (posted.status() != 201) return new Outcome("search finds the last reply on every node", false, "posting it answered " + posted.status());
    acknowledged[0]++;
    String id = JSON.readTree(posted.body()).path("id").asText();
    long start = System.nanoTime();
    Map<String, String> found = new LinkedHashMap<>();
    boolean all = true;
    for (int i = 1; i <= cluster.size(); i++) {
      ApiClient reader = new ApiClient(cluster.node(i));
      reader.useToken(poster.token());
      long deadline = start + wait.toNanos();
      String when = null;
      while (when == null && System.nanoTime() < deadline) {
        ApiClient.Answer a = reader.send("GET", "/api/v1/search?q=" + word, null);
        if (a.ok() && hits(a, id)) when = (System.nanoTime() - start) / 1_000_000 + " ms";
        else Thread.sleep(20);
      }
      found.put("node" + i, when == null ? "not within " + LoadDriver.seconds(wait) : when);
      all &= when != null;
    }
    return new Outcome("search finds the last reply on every node", all, "after posting: " + found);
  }

  private static boolean hits(ApiClient.Answer a, String id) throws Exception {
    for (JsonNode hit : JSON.readTree(a.body()).path("hits")) {
      if (hit.path("id").asText().equals(id)) return true;
    }
    return false;
  }

  /**
   * Waits until every node's {@code /metrics} shows no outbox consumer behind (lag 0 events). This takes up to about a
   * minute by design: the {@code signals} consumer gathers events for 30 s before each pass (and again after it), and a
   * node that does not run a once-per-cluster consumer measures it by the cursor the running node saved, which moves
   * only at that node's next checkpoint.
   */
  static Outcome outboxCaughtUp(Cluster cluster, Duration wait) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    long deadline = start + wait.toNanos();
    Map<String, List<String>> behind = new LinkedHashMap<>();
    while (true) {
      behind.clear();
      for (int i = 1; i <= cluster.size(); i++) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(cluster.node(i) + "/metrics")).timeout(Duration.ofSeconds(5)).build();
        String text = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
        List<String> lagging = text.lines().filter(l -> l.startsWith("longhand_outbox_lag_events{"))
            .filter(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0).toList();
        if (!lagging.isEmpty()) behind.put("node" + i, lagging);
      }
      if (behind.isEmpty()) {
        return new Outcome("every node's outbox consumers caught up", true,
            String.format("no consumer behind on any node, %.1f s after the last reply was found by search", (System.nanoTime() - start) / 1e9));
      }
      if (System.nanoTime() > deadline) {
        return new Outcome("every node's outbox consumers caught up", false, "still behind after " + LoadDriver.seconds(wait) + ": " + behind);
      }
      Thread.sleep(250);
    }
  }

  /** Replies acknowledged with 201 against the rows in {@code replies} and the threads' own counts. */
  static Outcome repliesStored(String databaseUrl, List<String> threads, long acknowledged) throws Exception {
    String in = threads.stream().map(Long::parseLong).map(String::valueOf).collect(Collectors.joining(","));
    try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement()) {
      long rows = count(s, "SELECT COUNT(*) FROM replies WHERE thread_id IN (" + in + ")");
      long counted = count(s, "SELECT COALESCE(SUM(reply_count), 0) FROM threads WHERE id IN (" + in + ")");
      long posts = count(s, "SELECT COALESCE(SUM(posts), 0) FROM threads WHERE id IN (" + in + ")");
      boolean ok = rows == acknowledged && counted == rows && posts == rows + threads.size();
      return new Outcome("replies acknowledged = rows stored", ok, String.format(
          "%d acknowledged with 201, %d rows in replies, threads.reply_count sums to %d, threads.posts to %d "
              + "(replies + %d opening posts)", acknowledged, rows, counted, posts, threads.size()));
    }
  }

  /** A member who never posted nor read: each thread's unread count in their inbox is every post in it. */
  static Outcome inboxOfOneWhoNeverRead(ApiClient reader, String databaseUrl, List<String> threads) throws Exception {
    ApiClient.Answer inbox = reader.send("GET", "/api/v1/inbox?limit=100", null);
    if (!inbox.ok()) return new Outcome("a reader's inbox counts every post as unread", false, "reading it answered " + inbox.status());
    JsonNode items = JSON.readTree(inbox.body()).path("items");
    Map<String, Long> unread = new LinkedHashMap<>();
    for (JsonNode item : items) unread.put(item.path("threadId").asText(), item.path("unreadCount").asLong());
    List<String> wrong = new ArrayList<>();
    long total = 0;
    try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement()) {
      for (String thread : threads) {
        long posts = count(s, "SELECT posts FROM threads WHERE id = " + Long.parseLong(thread));
        Long seen = unread.get(thread);
        if (seen == null || seen != posts) wrong.add(thread + ": " + (seen == null ? "missing" : seen) + " unread of " + posts);
        if (seen != null) total += seen;
      }
    }
    return new Outcome("a reader's inbox counts every post as unread", wrong.isEmpty(),
        wrong.isEmpty() ? total + " unread over " + threads.size() + " threads" : String.join("; ", wrong));
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
