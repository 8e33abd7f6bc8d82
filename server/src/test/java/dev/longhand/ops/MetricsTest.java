package dev.longhand.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@code /metrics} tells a monitoring system on loopback, after a little work. */
@ParameterizedClass
@EnumSource(Db.class)
class MetricsTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  String thread;

  @BeforeEach
  void anaStartsAThreadAndBoReplies() throws InterruptedException {
    server = TestServers.get(db);
    team = Team.of(db);
    String space = team.createSpace(team.ana, "Ops", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pager rota", "body", "Who?")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Me, this week."));
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).status()).isEqualTo(200);
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
  }

  @Test
  void requestTimingsAreLabelledWithTheRouteTemplateNeverTheId() {
    team.ana.api().get("/api/v1/no-such-thing/" + thread);

    Api.Response metrics = scrape();

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(lines(metrics, "http_server_requests_seconds_count{"))
        .anyMatch(l -> l.contains("method=\"GET\"") && l.contains("route=\"/api/v1/threads/{id}\"") && l.contains("status=\"200\""))
        .anyMatch(l -> l.contains("route=\"NOT_FOUND\"") && l.contains("status=\"404\""));
    assertThat(metrics.body()).contains("http_server_requests_seconds_sum{").doesNotContain(thread);
  }

  @Test
  void outboxLagIsReportedPerConsumer() {
    Api.Response metrics = scrape();

    assertThat(lines(metrics, "longhand_outbox_lag_events{"))
        .anyMatch(l -> l.contains("consumer=\"search\"") && l.contains("durable=\"true\""))
        .anyMatch(l -> l.contains("consumer=\"notifications\""))
        .anyMatch(l -> l.contains("consumer=\"thread-live\"") && l.contains("durable=\"false\""));
    assertThat(lines(metrics, "longhand_outbox_lag_seconds{")).anyMatch(l -> l.contains("consumer=\"search\""));
  }

  @Test
  void theJvmThePoolAndTheWritersAreThere() {
    Api.Response metrics = scrape();

    assertThat(metrics.body()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
        "jvm_gc_", "process_uptime_seconds", "system_cpu_count", "hikaricp_connections{", "hikaricp_connections_active{");
    String writer = db == Db.SQLITE ? "group-commit" : "replies";
    assertThat(lines(metrics, "longhand_write_batch_size_count{")).anyMatch(l -> l.contains("writer=\"" + writer + "\"") && !l.endsWith(" 0.0"));
    assertThat(lines(metrics, "longhand_write_batch_size_max{")).isNotEmpty();
  }

  @Test
  void dueWorkTheMailQueueAndLiveStreamsAreCounted() {
    WebSession web = WebSession.signedIn(server.baseUrl(), team.cy.email(), "correct horse battery");
    Thread stream = Thread.ofVirtual().start(() -> web.getStream("/threads/" + thread + "/events", 5));
    try {
      String open = awaitLine("longhand_sse_streams_open{stream=\"thread\"}", l -> !l.endsWith(" 0.0"));
      assertThat(open).isNotNull();
      Api.Response metrics = scrape();
      assertThat(lines(metrics, "longhand_due_work_overdue ")).hasSize(1);
      assertThat(lines(metrics, "longhand_outbox_undecodable_events ")).hasSize(1);
      assertThat(lines(metrics, "longhand_due_work_overdue_oldest_seconds ")).hasSize(1);
      assertThat(lines(metrics, "longhand_mail_queue ")).hasSize(1);
      assertThat(lines(metrics, "longhand_sse_streams_open{stream=\"badges\"}")).hasSize(1);
    } finally {
      stream.interrupt();
    }
  }

  @Test
  void everyAnswerCarriesARequestIdAndAPlainIncomingOneIsKept() {
    Api.Response given = team.ana.api().send("GET", "/api/v1/threads/" + thread, null, null, "X-Request-Id", "trace-42.a:b");
    Api.Response unsafe = team.ana.api().send("GET", "/api/v1/threads/" + thread, null, null, "X-Request-Id", "x\" onload=alert(1)");
    Api.Response none = team.ana.api().get("/api/v1/threads/" + thread);

    assertThat(given.headers().firstValue("X-Request-Id")).hasValue("trace-42.a:b");
    assertThat(unsafe.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
    assertThat(none.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
  }

  private String awaitLine(String prefix, java.util.function.Predicate<String> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      var found = lines(scrape(), prefix).stream().filter(wanted).findFirst();
      if (found.isPresent()) return found.get();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private Api.Response scrape() {
    return team.anonymous.get("/metrics");
  }

  private static List<String> lines(Api.Response metrics, String prefix) {
    return metrics.body().lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
