package dev.longhand.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.SmtpUrl;
import dev.longhand.mail.Mail;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestCluster;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two or three servers on one PostgreSQL database, as nodes behind a load balancer. */
@Timeout(120)
class SeveralNodesTest {

  /** A reply posted through node A reaches a thread page's live stream open on node B well within a second. */
  @Test
  void aReplyPostedOnOneNodeReachesALiveStreamOnAnother() throws Exception {
    try (TestCluster cluster = TestCluster.of(2)) {
      Team team = Team.on(cluster.node(0));
      String space = team.createSpace(team.ana, "Product", "public");
      String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Live", "body", "Watch this")).text("id");
      HttpClient http = HttpClient.newHttpClient();
      try {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.node(1).baseUrl() + "/threads/" + thread + "/events"))
            .header("Accept", "text/event-stream").header("Authorization", "Bearer " + team.bo.token()).build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> {
          try (Stream<String> body = response.join().body()) {
            body.forEach(lines::add);
          } catch (RuntimeException closed) {
            // the client shut down
          }
        });
        assertThat(lines.poll(10, TimeUnit.SECONDS)).as("subscription confirmed on B").startsWith(":");
        cluster.settle();

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long before = System.nanoTime();
          String reply = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Posted on A " + i)).text("id");
          String heard = null;
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (System.nanoTime() < deadline && (heard == null || !heard.startsWith("data:") || !heard.contains(reply))) {
            heard = lines.poll(100, TimeUnit.MILLISECONDS);
          }
          assertThat(heard).as("B's stream announces the reply made on A").contains("\"replyId\":\"" + reply + "\"");
          millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
        }
        assertThat(millis).as("ms from posting on A to hearing on B").allSatisfy(ms -> assertThat(ms).isLessThan(1000));
      } finally {
        http.shutdownNow();
      }
    }
  }

  /**
   * A token revoked through node A is refused by nodes B and C from the moment the revocation is answered, though
   * their caches had just accepted it: A answers once every other node has confirmed that it forgot its cached
   * tokens. A session ended on A is refused on B at once (sessions are read from the database on every request).
   */
  @Test
  void aTokenRevokedOnOneNodeIsRefusedOnTheOthers() throws Exception {
    try (TestCluster cluster = TestCluster.of(3)) {
      Team team = Team.on(cluster.node(0));
      var issued = team.anonymous.post("/api/v1/tokens", Map.of("email", team.cy.email(), "password", "correct horse battery", "label", "script"));
      List<Api> others = List.of(new Api(cluster.node(1).baseUrl(), issued.text("token")), new Api(cluster.node(2).baseUrl(), issued.text("token")));
      for (Api other : others) assertThat(other.get("/api/v1/me").status()).as("cached on B and C").isEqualTo(200);

      assertThat(team.cy.api().delete("/api/v1/tokens/" + issued.text("id")).status()).isEqualTo(204);
      for (Api other : others) assertThat(other.get("/api/v1/me").status()).as("refused at the first request after").isEqualTo(401);
    }
  }

  /**
   * Wrong passwords from one address, sent to three nodes at once, are counted as one: five are evaluated, whichever
   * nodes they reach, and the rest refused (each node locks the address in PostgreSQL while it counts and records).
   */
  @Test
  void wrongPasswordsSpreadOverNodesGetFiveGuessesInAll() throws Exception {
    try (TestCluster cluster = TestCluster.of(3)) {
      Team team = Team.on(cluster.node(0));
      String attacker = "10.77." + java.util.concurrent.ThreadLocalRandom.current().nextInt(250) + ".9";
      List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 60; i++) {
          int n = i;
          answers.add(pool.submit(() -> signIn(cluster.node(n % 3).baseUrl(), attacker, team.cy.email(), "guess " + n)));
        }
      }
      List<Integer> statuses = new ArrayList<>();
      for (var a : answers) statuses.add(a.get());
      assertThat(statuses).filteredOn(s -> s == 400).as("guesses evaluated").hasSize(5);
      assertThat(statuses).filteredOn(s -> s == 429).hasSize(55);
    }
  }

  private static int signIn(String base, String address, String email, String password) throws Exception {
    String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens")).header("Content-Type", "application/json")
        .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  /**
   * Mail is due work: both nodes' tickers claim what is due (FOR UPDATE SKIP LOCKED, the row leased while it is
   * sent), so each mail queued on either node is sent exactly once.
   */
  @Test
  void mailQueuedOnEitherNodeIsSentOnce() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (TestCluster cluster = TestCluster.of(2,
        c -> c.withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), ""))) {
      int count = 40;
      for (int i = 0; i < count; i++) {
        Longhand node = cluster.node(i % 2);
        Mail mail = new Mail("someone" + (i % 3) + "@example.test", "Mail " + i, "Body " + i, null);
        node.database().writeAll(h -> node.mailer().queue(h, mail));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (smtp.getReceivedMessages().length < count && System.nanoTime() < deadline) Thread.sleep(50);
      Thread.sleep(2500); // both tickers have run again since: a second send would have come by now
      MimeMessage[] received = smtp.getReceivedMessages();
      Set<String> subjects = new HashSet<>();
      for (MimeMessage m : received) subjects.add(m.getSubject());
      assertThat(received).hasSize(count);
      assertThat(subjects).hasSize(count);
      for (Longhand node : cluster.nodes()) assertThat(node.dueWork().overdue().count()).isZero();
    } finally {
      smtp.stop();
    }
  }
}
