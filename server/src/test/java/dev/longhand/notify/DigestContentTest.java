package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ana's 09:00 digest on a test clock, after a night in which Bo and Cy wrote five replies to her thread, Cy started a
 * thread, Bo and Cy worked on a document and Bo recorded and accepted a decision: it says what happened (not "7
 * things"), grouped by thread, with who wrote and excerpts in plain text, the latest replies shown and the rest
 * counted; documents and decisions with who changed what. The same in the email's text, its HTML and the page. A
 * muted thread or space adds nothing to it; a followed thread's replies come in.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DigestContentTest {
  /** Monday 2 March 2026, 05:00 in Lisbon (UTC): Ana's first digest time of the day is 09:00. */
  static final Instant MONDAY_EARLY = Instant.parse("2026-03-02T05:00:00Z");

  @Parameter Db db;
  TestClock clock;
  OwnServer own;
  Longhand server;
  Team team;
  String space;

  @BeforeEach
  void start() {
    clock = new TestClock(MONDAY_EARLY);
    own = OwnServer.at(db, clock, "Launch");
    server = own.server;
    team = own.team;
    space = own.space;
  }

  @AfterEach
  void stop() {
    own.close();
  }

  private void settle() throws InterruptedException {
    own.settle();
  }

  private void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  private String reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  /** The night's writing, as the browser test shows it too. */
  static String night(Team team, String space, TestClock clock) {
    clock.set(Instant.parse("2026-03-02T05:00:00Z"));
    String pricing = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pricing page",
        "body", "Draft of the new pricing page, for Tuesday.")).text("id");
    String[][] replies = {
        {"05:10", "bo", "The **pricing page** reads well."},
        {"05:20", "cy", "Can we drop the yearly toggle?"},
        {"05:30", "bo", "Agreed with Cy on the toggle."},
        {"05:40", "cy", "I moved the FAQ below the plans; see the preview link in the doc."},
        {"05:50", "bo", "One more thing: the Team plan needs a *seat limit* before we ship.\n\n| Plan | Seats |\n|---|---|\n| Team | 50 |"}};
    for (String[] r : replies) {
      clock.set(Instant.parse("2026-03-02T" + r[0] + ":00Z"));
      Team.Person who = r[1].equals("bo") ? team.bo : team.cy;
      var posted = who.api().post("/api/v1/threads/" + pricing + "/replies", Map.of("body", r[2]));
      if (posted.status() != 201) throw new IllegalStateException(posted.body());
    }
    clock.set(Instant.parse("2026-03-02T06:00:00Z"));
    ok(team.cy.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Offsite in May",
        "body", "Where should we meet? Lisbon and Seoul are both on the table; Denver is far for everyone.")), 201);
    clock.set(Instant.parse("2026-03-02T06:30:00Z"));
    String doc = ok(team.bo.api().post("/api/v1/spaces/" + space + "/documents", Map.of("title", "Launch checklist",
        "body", "- Pricing page\n- Docs\n", "summary", "First list")), 201).text("id");
    clock.set(Instant.parse("2026-03-02T07:00:00Z"));
    ok(team.cy.api().put("/api/v1/documents/" + doc, Map.of("body", "- Pricing page\n- Docs\n- Status page\n", "baseRevision", 1,
        "summary", "Added the status page")), 200);
    clock.set(Instant.parse("2026-03-02T07:10:00Z"));
    ok(team.bo.api().post("/api/v1/documents/" + doc + "/comments", Map.of("body", "Who owns the **status page**?")), 201);
    clock.set(Instant.parse("2026-03-02T07:30:00Z"));
    String decision = ok(team.bo.api().post("/api/v1/spaces/" + space + "/decisions", Map.of("title", "Price the Team plan per seat",
        "context", "Teams asked.", "decision", "Charge 8 euros per seat per month.", "status", "proposed")), 201).text("id");
    clock.set(Instant.parse("2026-03-02T07:40:00Z"));
    ok(team.bo.api().put("/api/v1/decisions/" + decision, Map.of("status", "accepted")), 200);
    return pricing;
  }

  private static dev.longhand.testkit.Api.Response ok(dev.longhand.testkit.Api.Response r, int status) {
    if (r.status() != status) throw new IllegalStateException(r.status() + " " + r.body());
    return r;
  }

  private JsonNode digestOf(Team.Person who) {
    JsonNode delivered = who.api().get("/api/v1/notifications").json().get("delivered");
    List<JsonNode> digests = delivered.valueStream().filter(n -> n.get("kind").asText().equals("digest")).toList();
    assertThat(digests).hasSize(1);
    var r = who.api().get("/api/v1" + digests.getFirst().get("link").asText());
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  /**
   * Two pending digests for one person (a reschedule racing a run) are read in one batch, which reads everyone's
   * last digest once: the first tells the news and cancels the other, so the night is told once, and one digest
   * stays pending.
   */
  @Test
  void twoPendingDigestsForOnePersonTellTheNightOnce() throws InterruptedException {
    night(team, space, clock);
    settle();
    long ana = Long.parseLong(team.ana.id());
    server.database().writeAll(h -> server.dueWork().schedule(h, Digests.KIND, ana, Instant.parse("2026-03-02T09:00:00Z"), ""));
    at("2026-03-02T09:00:00Z");
    settle();

    digestOf(team.ana); // exactly one
    int pending = server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM due_work WHERE kind = 'digest' AND subject_id = ?")
        .bind(0, ana).mapTo(Integer.class).one());
    assertThat(pending).isEqualTo(1);
  }

  /**
   * Ambient notifications wait for the digest: each person's own come under "Also", their oldest 100 of the night,
   * and those are marked digested so that the next digest does not tell them again; the rest wait for the next one.
   */
  @Test
  void ambientNotificationsComeInTheDigestTheOldestHundred() throws InterruptedException {
    long ana = Long.parseLong(team.ana.id());
    long bo = Long.parseLong(team.bo.id());
    long workspace = Long.parseLong(team.workspaceId);
    long night = Instant.parse("2026-03-02T05:00:00Z").toEpochMilli();
    server.database().writeAll(h -> {
      for (int i = 0; i < 103; i++) {
        h.execute("INSERT INTO notifications (id, recipient_id, workspace_id, level, kind, thread_id, actor_id, text, created_at) "
            + "VALUES (?, ?, ?, 'ambient', 'reply', 0, ?, ?, ?)", 9_000_000L + i, ana, workspace, bo, "Ambient note " + (1000 + i), night + i * 1000L);
      }
      h.execute("INSERT INTO notifications (id, recipient_id, workspace_id, level, kind, thread_id, actor_id, text, created_at) "
          + "VALUES (?, ?, ?, 'ambient', 'reply', 0, ?, ?, ?)", 9_100_000L, bo, workspace, ana, "A note for Bo alone", night);
    });
    at("2026-03-02T09:00:00Z");
    settle();

    String text = digestOf(team.ana).get("text").asText();
    assertThat(text).contains("Also\n====", "Ambient note 1000", "Ambient note 1099").doesNotContain("Ambient note 1100", "for Bo alone");
    assertThat(text.split("Ambient note ", -1)).hasSize(101);
    assertThat(digestOf(team.bo).get("text").asText()).contains("A note for Bo alone").doesNotContain("Ambient note");
    assertThat(waitingNotes(ana)).as("the three beyond the first hundred wait").isEqualTo(3);

    at("2026-03-03T09:00:00Z");
    settle();
    String next = server.database().read(h -> h.createQuery(
        "SELECT body_text FROM digests WHERE account_id = ? ORDER BY created_at DESC LIMIT 1").bind(0, ana).mapTo(String.class).one());
    assertThat(next).contains("Ambient note 1100", "Ambient note 1101", "Ambient note 1102").doesNotContain("Ambient note 1099");
    assertThat(waitingNotes(ana)).isZero();
  }

  private int waitingNotes(long person) {
    return server.database().read(h -> h.createQuery(
        "SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND text LIKE 'Ambient note %' AND digested_at IS NULL").bind(0, person)
        .mapTo(Integer.class).one());
  }

  @Test
  void theMorningDigestSaysWhoWroteWhatGroupedByThreadWithExcerpts() throws InterruptedException {
    String pricing = night(team, space, clock);
    settle();
    at("2026-03-02T09:00:00Z");
    settle();

    JsonNode digest = digestOf(team.ana);
    String subject = digest.get("subject").asText();
    assertThat(subject).isEqualTo("Your Longhand digest: 5 new replies in 1 thread, 1 new thread, 1 decision, 1 document changed");

    String text = digest.get("text").asText();
    assertThat(text).contains("seat limit before we ship. Plan · Seats; Team · 50");
    assertThat(text).contains("Replies to threads you follow\n=====", "“Pricing page”", "Launch · 5 new replies from " + team.bo.name() + ", " + team.cy.name())
        .contains("One more thing: the Team plan needs a seat limit before we ship.")
        .contains("I moved the FAQ below the plans")
        .contains("(2 more)")
        .doesNotContain("**", "*seat limit*", "|---|", "---")
        .contains("/threads/" + pricing + "/replies/");
    // The latest three replies, oldest of them first, each with its writer and time in Ana's zone (Lisbon, UTC).
    assertThat(text.indexOf("Agreed with Cy")).isLessThan(text.indexOf("I moved the FAQ")).isLessThan(text.indexOf("One more thing"));
    assertThat(text).contains("- " + team.bo.name() + " · 05:50").doesNotContain("drop the yearly toggle");
    assertThat(text).contains("New threads\n===", "“Offsite in May”", "Launch · started by " + team.cy.name(), "Where should we meet?");
    assertThat(text).contains("Documents\n===", "“Launch checklist”", "Launch · 2 new revisions by " + team.bo.name() + ", " + team.cy.name() + " · 1 comment",
        team.cy.name() + " saved revision 2 · 07:00", "Added the status page", team.bo.name() + " commented · 07:10", "Who owns the status page?");
    assertThat(text).contains("Decisions\n===", "Price the Team plan per seat", "Launch · accepted",
        team.bo.name() + " recorded it · 07:30", "Charge 8 euros per seat per month.", team.bo.name() + " changed status (proposed → accepted) · 07:40");

    String html = digest.get("html").asText();
    assertThat(html).contains("class=\"digest-item\"", "class=\"digest-entries\"", "<strong>" + team.cy.name() + "</strong>",
        "datetime=\"2026-03-02T05:50:00Z\"", "2 more in “Pricing page”</a>").doesNotContain("<script");

    var page = own.web(team.ana)
        .get(digestPath(team.ana));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<article class=\"digest\">", "class=\"digest-excerpt\"", "Who owns the status page?")
        .doesNotContain(" style=\"");
  }

  @Test
  void mutedThreadsAndSpacesAddNothingAndFollowedThreadsComeIn() throws InterruptedException {
    String ops = team.createSpace(team.cy, "Ops", "public");
    String design = team.createSpace(team.bo, "Design", "public");
    String fonts = team.bo.api().post("/api/v1/spaces/" + design + "/threads", Map.of("title", "Fonts", "body", "Serif?")).text("id");
    String pricing = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pricing page", "body", "Draft.")).text("id");
    String hiring = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Hiring", "body", "Whom first?")).text("id");
    String runbook = ok(team.cy.api().post("/api/v1/spaces/" + ops + "/documents", Map.of("title", "Pager runbook", "body", "Call Cy.\n")), 201)
        .text("id");
    at("2026-03-02T09:00:00Z");
    settle(); // Ana's first digest of the day takes all of that

    // Ana hears nothing more of her own thread or of Ops, and follows Bo's thread and his Design space, where she has not written.
    for (String[] s : new String[][] {{"threads", pricing, "mute"}, {"threads", hiring, "follow"}, {"spaces", ops, "mute"},
        {"spaces", design, "follow"}}) {
      var r = team.ana.api().put("/api/v1/" + s[0] + "/" + s[1] + "/subscription", Map.of("level", s[2]));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    at("2026-03-02T10:00:00Z");
    reply(team.bo, pricing, "Muted words about the price.");
    reply(team.cy, hiring, "We hire two designers first.");
    reply(team.cy, fonts, "Serif for headings only.");
    ok(team.cy.api().post("/api/v1/spaces/" + ops + "/threads", Map.of("title", "Disk alarm", "body", "Disk at 90%.")), 201);
    ok(team.cy.api().put("/api/v1/documents/" + runbook, Map.of("body", "Call Cy, then Bo.\n", "baseRevision", 1,
        "summary", "Bo as backup")), 200);
    ok(team.cy.api().post("/api/v1/spaces/" + ops + "/decisions", Map.of("title", "Page at night only for outages",
        "context", "Too many pages.", "decision", "Only outages page at night.", "status", "proposed")), 201);
    ok(team.cy.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch party", "body", "Friday?")), 201);
    settle();
    at("2026-03-02T15:00:00Z");
    settle();

    JsonNode digest = digestCovering(team.ana, "2026-03-02T15:00:00Z");
    String text = digest.get("text").asText();
    assertThat(text).contains("Replies to threads you follow", "“Hiring”", "We hire two designers first.", "“Fonts”",
        "Serif for headings only.", "“Launch party”");
    assertThat(text).doesNotContain("Pricing page", "Muted words", "Disk alarm", "Pager runbook", "Page at night", "Ops");
    assertThat(digest.get("subject").asText()).isEqualTo("Your Longhand digest: 2 new replies in 2 threads, 1 new thread");
  }

  /** The person's digest that ends at {@code coversTo}. */
  private JsonNode digestCovering(Team.Person who, String coversTo) {
    for (JsonNode n : who.api().get("/api/v1/notifications").json().get("delivered")) {
      if (!n.get("kind").asText().equals("digest")) continue;
      JsonNode d = who.api().get("/api/v1" + n.get("link").asText()).json();
      if (d.get("coversTo").asText().equals(coversTo)) return d;
    }
    throw new AssertionError("no digest of " + who.name() + " up to " + coversTo);
  }

  @Test
  void nothingHappenedMeansNoDigestAndOnesOwnWritingIsNotInIt() throws InterruptedException {
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Quiet", "body", "Nobody answers")).text("id");
    reply(team.ana, thread, "Still quiet");
    at("2026-03-02T09:00:00Z");
    settle();
    assertThat(team.ana.api().get("/api/v1/notifications").json().get("delivered").valueStream()
        .filter(n -> n.get("kind").asText().equals("digest")).toList()).isEmpty();
  }

  private String digestPath(Team.Person who) {
    return who.api().get("/api/v1/notifications").json().get("delivered").valueStream()
        .filter(n -> n.get("kind").asText().equals("digest")).findFirst().orElseThrow().get("link").asText();
  }
}
