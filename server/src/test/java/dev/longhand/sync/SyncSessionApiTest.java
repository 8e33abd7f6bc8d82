package dev.longhand.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sync sessions through the API for Ana (Lisbon 09-17), Bo (Seoul 10-19) and Cy (Denver 08-16), who never all work
 * at once, on a server of their own with a test clock (Monday 22 March 2027, 12:00 UTC) and a real SMTP server.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SyncSessionApiTest {
  static final Instant MONDAY = Instant.parse("2027-03-22T12:00:00Z");

  @Parameter Db db;
  TestClock clock;
  GreenMail smtp;
  Config config;
  Longhand server;
  Team team;
  String space;
  String thread;

  @BeforeEach
  void start() {
    clock = new TestClock(MONDAY);
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    config = TestServers.config(db).withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "");
    server = Longhand.start(config, clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Launch", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pricing", "body", "We keep going round")).text("id");
  }

  @AfterEach
  void stop() {
    server.close();
    smtp.stop();
    config.databaseUrl().ifPresent(Databases::drop);
  }

  Api.Response propose(Team.Person who, Map<String, Object> body) {
    return who.api().post("/api/v1/threads/" + thread + "/sync-sessions", body);
  }

  String proposeForThree(String purpose) {
    var r = propose(team.ana, Map.of("purpose", purpose, "agenda", List.of("Where we disagree", "Decide"),
        "participants", List.of(team.bo.id(), team.cy.id()), "minutes", 30));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void aProposalAnswers201WithItsPurposeAgendaAndPeople() {
    var r = propose(team.ana, Map.of("purpose", "Settle pricing", "agenda", List.of("Options", " ", "Decide"),
        "participants", List.of(team.bo.id()), "minutes", 30, "callLink", "https://meet.example.com/abc"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.text("status")).isEqualTo("proposed");
    JsonNode got = team.bo.api().get("/api/v1/sync-sessions/" + r.text("id")).json();
    assertThat(got.get("purpose").asText()).isEqualTo("Settle pricing");
    assertThat(got.get("agenda").findValuesAsText("text")).containsExactly("Options", "Decide");
    assertThat(got.get("participants").findValuesAsText("id")).containsExactly(team.ana.id(), team.bo.id());
    assertThat(got.get("thread").get("id").asText()).isEqualTo(thread);
    assertThat(got.get("callLink").asText()).isEqualTo("https://meet.example.com/abc");
    assertThat(got.get("mayManage").asBoolean()).as("Bo did not propose it").isFalse();
    assertThat(got.get("participants").get(0).has("budget")).as("budgets are for the organiser").isFalse();

    var inSpace = team.bo.api().post("/api/v1/spaces/" + space + "/sync-sessions", Map.of("purpose", "Weekly check", "agenda",
        List.of("Blockers"), "participants", List.of(team.cy.id()), "minutes", "20"));
    assertThat(inSpace.status()).as(inSpace.body()).isEqualTo(201);
    assertThat(inSpace.json().has("thread")).as("proposed in a space, from no thread").isFalse();
    assertThat(inSpace.json().get("mayManage").asBoolean()).isTrue();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndRecordsNothing() {
    Map<String, Object> good = Map.of("purpose", "Settle pricing", "agenda", List.of("Decide"), "participants", List.of(team.bo.id()),
        "minutes", 30);
    assertThat(field(with(good, "purpose", " "))).isEqualTo("purpose");
    assertThat(field(with(good, "agenda", List.of(" ")))).isEqualTo("agenda");
    assertThat(field(with(good, "minutes", 5))).isEqualTo("minutes");
    assertThat(field(with(good, "minutes", "soon"))).isEqualTo("minutes");
    assertThat(field(with(good, "participants", List.of(team.eve.id())))).as("Eve is in another workspace").isEqualTo("participants");
    assertThat(field(with(good, "participants", List.of()))).isEqualTo("participants");
    assertThat(field(with(good, "callLink", "javascript:alert(1)"))).isEqualTo("callLink");
    assertThat((int) server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM sync_sessions WHERE thread_id = ?")
        .bind(0, Long.parseLong(thread)).mapTo(Integer.class).one())).isZero();
  }

  @Test
  void outsidersGet404AndOtherReadersMayNotSchedule() {
    String id = proposeForThree("Settle pricing");
    assertThat(team.eve.api().get("/api/v1/sync-sessions/" + id).status()).as("another workspace").isEqualTo(404);
    assertThat(team.gil.api().get("/api/v1/sync-sessions/" + id).status()).as("a guest outside the space").isEqualTo(404);
    assertThat(team.eve.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of()).status()).isEqualTo(404);
    assertThat(team.ana.api().get("/api/v1/sync-sessions/260000000000000001").status()).isEqualTo(404);
    assertThat(team.gil.api().post("/api/v1/threads/" + thread + "/sync-sessions", Map.of()).status()).isEqualTo(404);
    var cy = team.cy.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-23T13:30:00Z"));
    assertThat(cy.status()).as("Cy reads it but did not propose it").isEqualTo(403);
    assertThat(team.cy.api().post("/api/v1/sync-sessions/" + id + "/cancellation", Map.of()).status()).isEqualTo(403);
  }

  @Test
  void slotsSayWhoIsOutsideTheirHoursInTheirOwnZone() {
    String id = proposeForThree("Settle pricing");
    JsonNode slots = team.ana.api().get("/api/v1/sync-sessions/" + id + "/slots?days=7").json().get("slots");
    assertThat(slots.size()).isBetween(1, SyncSlots.OFFERED);
    for (JsonNode slot : slots) {
      assertThat(slot.get("outside").size()).as("the three never all work at once: " + slot).isPositive();
      for (JsonNode o : slot.get("outside")) {
        Instant start = Instant.parse(slot.get("start").asText());
        String zone = o.get("timeZone").asText();
        assertThat(o.get("localStart").asText()).isEqualTo(java.time.LocalDateTime.ofInstant(start, java.time.ZoneId.of(zone)).toString());
        assertThat(o.get("minutes").asLong()).isBetween(1L, 30L);
      }
    }
    assertThat(team.ana.api().get("/api/v1/sync-sessions/" + id + "/slots?days=99").status()).isEqualTo(400);
  }

  /** Who bore the most of a scheduled session: the participant whose day it stretched furthest. */
  private String worstOff(String session) {
    JsonNode people = team.ana.api().get("/api/v1/sync-sessions/" + session).json().get("participants");
    JsonNode worst = null;
    for (JsonNode p : people) if (worst == null || p.get("outsideMinutes").asInt() > worst.get("outsideMinutes").asInt()) worst = p;
    return worst.get("id").asText();
  }

  private String scheduleAtFairest(String session) {
    JsonNode first = team.ana.api().get("/api/v1/sync-sessions/" + session + "/slots").json().get("slots").get(0);
    var r = team.ana.api().post("/api/v1/sync-sessions/" + session + "/schedule", Map.of("start", first.get("start").asText()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return first.get("start").asText();
  }

  @Test
  void aThirdSessionPutsTheInconvenienceOnSomeoneElseThanThePreviousTwo() {
    // Without history, the fairest slot costs Bo an evening too.
    JsonNode before = team.ana.api().get("/api/v1/sync-sessions/" + proposeForThree("Control") + "/slots").json().get("slots").get(0);
    long boBefore = 0;
    for (JsonNode o : before.get("outside")) if (o.get("accountId").asText().equals(team.bo.id())) boBefore = o.get("stretchMinutes").asLong();
    assertThat(boBefore).isPositive();
    // The previous two: at 13:30 UTC, 07:30 in Denver (before Cy's day) and 22:30 in Seoul (after Bo's).
    List<String> worst = new ArrayList<>();
    for (String purpose : List.of("First", "Second")) {
      String s = proposeForThree(purpose);
      assertThat(team.ana.api().post("/api/v1/sync-sessions/" + s + "/schedule", Map.of("start", "2027-03-23T13:30:00Z")).status()).isEqualTo(200);
      worst.add(worstOff(s));
    }
    assertThat(worst).as("both times Bo stretched his evening furthest").containsOnly(team.bo.id());
    String third = proposeForThree("Third");
    String chosen = scheduleAtFairest(third);
    assertThat(worstOff(third)).as("the fairest slot now spares Bo").isNotEqualTo(team.bo.id());
    assertThat(chosen).as("history moved the choice").isNotEqualTo(before.get("start").asText());
    JsonNode bo = find(team.ana.api().get("/api/v1/sync-sessions/" + third).json().get("participants"), team.bo.id());
    assertThat((long) bo.get("outsideMinutes").asInt()).as("less than the fairest slot would have cost him without history")
        .isLessThan(boBefore);
  }

  @Test
  void theBudgetBesideEachParticipantCountsTheirScheduledSessionsThisWeek() {
    assertThat(team.bo.api().put("/api/v1/me/meeting-budget", Map.of("weeklyMinutes", 120)).status()).isEqualTo(200);
    String a = proposeForThree("First");
    team.ana.api().post("/api/v1/sync-sessions/" + a + "/schedule", Map.of("start", "2027-03-23T09:00:00Z"));
    var b = propose(team.ana, Map.of("purpose", "Second", "agenda", List.of("One"), "participants", List.of(team.bo.id()), "minutes", 90));
    team.ana.api().post("/api/v1/sync-sessions/" + b.text("id") + "/schedule", Map.of("start", "2027-03-24T09:00:00Z"));
    String c = proposeForThree("Cancelled one");
    team.ana.api().post("/api/v1/sync-sessions/" + c + "/schedule", Map.of("start", "2027-03-25T09:00:00Z"));
    team.ana.api().post("/api/v1/sync-sessions/" + c + "/cancellation", Map.of());
    JsonNode people = team.ana.api().get("/api/v1/sync-sessions/" + proposeForThree("Next")).json().get("participants");
    assertThat(find(people, team.bo.id()).get("budget").get("text").asText()).isEqualTo("2 h of 2 h this week");
    assertThat(find(people, team.cy.id()).get("budget").get("text").asText()).isEqualTo("30 min of 5 h this week");
    assertThat(team.bo.api().put("/api/v1/me/meeting-budget", Map.of("weeklyMinutes", -5)).status()).isEqualTo(400);
    assertThat(team.bo.api().get("/api/v1/me/meeting-budget").json().get("weeklyMinutes").asInt()).isEqualTo(120);
  }

  @Test
  void schedulingMailsAnInviteThatParsesWithTheRightLocalTimesAndReschedulingRaisesTheSequence() throws Exception {
    String id = proposeForThree("Settle pricing");
    var r = team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-23T13:30:00Z"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.text("status")).isEqualTo("scheduled");
    assertThat(r.text("start")).isEqualTo("2027-03-23T13:30:00Z");
    assertThat(r.text("end")).isEqualTo("2027-03-23T14:00:00Z");
    var ics = team.bo.api().get("/api/v1/sync-sessions/" + id + "/invite.ics");
    assertThat(ics.status()).isEqualTo(200);
    var cal = parse(ics.body());
    var event = cal.getComponent(net.fortuna.ical4j.model.Component.VEVENT).orElseThrow();
    assertThat(cal.getProperty(net.fortuna.ical4j.model.Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    Instant start = Instant.from(((net.fortuna.ical4j.model.property.DtStart<?>) event.getProperty(net.fortuna.ical4j.model.Property.DTSTART).orElseThrow()).getDate());
    assertThat(start.atZone(java.time.ZoneId.of("Asia/Seoul")).toLocalTime()).as("Bo's evening").isEqualTo(java.time.LocalTime.of(22, 30));
    assertThat(start.atZone(java.time.ZoneId.of("America/Denver")).toLocalTime()).as("Cy's morning").isEqualTo(java.time.LocalTime.of(7, 30));
    assertThat(start.atZone(java.time.ZoneId.of("Europe/Lisbon")).toLocalTime()).isEqualTo(java.time.LocalTime.of(13, 30));
    String uid = event.getProperty(net.fortuna.ical4j.model.Property.UID).orElseThrow().getValue();
    assertThat(event.getProperty(net.fortuna.ical4j.model.Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("0");
    assertThat(event.getProperty(net.fortuna.ical4j.model.Property.ORGANIZER).orElseThrow().getValue()).isEqualTo("mailto:" + team.ana.email());
    assertThat(event.getProperties(net.fortuna.ical4j.model.Property.ATTENDEE).stream().map(p -> p.getValue()).toList())
        .contains("mailto:" + team.bo.email(), "mailto:" + team.cy.email());

    settle();
    var invites = mails("Invitation: ", 3);
    assertThat(invites).hasSize(3);
    var toBo = invites.stream().filter(m -> to(m).equals(team.bo.email())).findFirst().orElseThrow();
    assertThat(subject(toBo)).contains("Tue 23 Mar 22:30–23:00 your time");
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(toBo)).contains("text/calendar").contains("method=REQUEST");

    var moved = team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-24T09:30:00Z"));
    assertThat(moved.json().get("sequence").asInt()).isEqualTo(1);
    var again = parse(team.bo.api().get("/api/v1/sync-sessions/" + id + "/invite.ics").body())
        .getComponent(net.fortuna.ical4j.model.Component.VEVENT).orElseThrow();
    assertThat(again.getProperty(net.fortuna.ical4j.model.Property.UID).orElseThrow().getValue()).as("the same event").isEqualTo(uid);
    assertThat(again.getProperty(net.fortuna.ical4j.model.Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
    settle();
    assertThat(mails("Moved: ", 3)).hasSize(3);
    var same = team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-24T09:30:00Z"));
    assertThat(same.json().get("sequence").asInt()).as("the same time again changes nothing").isEqualTo(1);
    assertThat(team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-20T09:30:00Z")).json()
        .get("field").asText()).isEqualTo("start");
  }

  @Test
  void cancellingMailsMethodCancelAndLeavesTheCalendarFeed() throws Exception {
    String id = proposeForThree("Settle pricing");
    team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-23T13:30:00Z"));
    String feed = team.cy.api().post("/api/v1/me/calendar-feed", Map.of()).text("url");
    String path = java.net.URI.create(feed).getPath();
    assertThat(team.anonymous.get(path).body()).contains("sync-" + id + "@longhand").contains("Sync: Settle pricing");
    var cancelled = team.ana.api().post("/api/v1/sync-sessions/" + id + "/cancellation", Map.of());
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    assertThat(cancelled.json().get("sequence").asInt()).isEqualTo(1);
    settle();
    var cancels = mails("Cancelled: ", 3);
    assertThat(cancels).hasSize(3);
    String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(cancels.getFirst());
    assertThat(body).contains("method=CANCEL").contains("METHOD:CANCEL").contains("STATUS:CANCELLED").contains("SEQUENCE:1");
    assertThat(team.anonymous.get(path).body()).doesNotContain("sync-" + id + "@longhand");
    assertThat(team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-23T13:30:00Z")).status())
        .as("a cancelled session stays cancelled").isEqualTo(409);
  }

  @Test
  void aReminderReachesEachParticipantBeforeItStartsInsideTheirHours() throws Exception {
    String id = proposeForThree("Settle pricing");
    team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-23T13:30:00Z"));
    for (var step : List.of(Map.entry("2027-03-22T21:45:00Z", team.cy), Map.entry("2027-03-23T09:45:00Z", team.bo),
        Map.entry("2027-03-23T13:15:00Z", team.ana))) {
      clock.set(Instant.parse(step.getKey()));
      reminded(step.getValue()); // waits for it before the clock moves on
    }
    // 13:30 UTC is 13:30 in Lisbon, 22:30 in Seoul and 07:30 in Denver: a reminder 15 minutes before would wait for
    // Bo's and Cy's next working hours, after the session, so theirs come before the end of their last day before it.
    assertThat(reminded(team.ana)).as("Ana at work: 15 minutes before").isEqualTo("2027-03-23T13:15:00Z");
    assertThat(reminded(team.bo)).as("Bo at 18:45, before his evening session").isEqualTo("2027-03-23T09:45:00Z");
    assertThat(reminded(team.cy)).as("Cy at 15:45 the day before his early session").isEqualTo("2027-03-22T21:45:00Z");
    team.ana.api().post("/api/v1/sync-sessions/" + id + "/cancellation", Map.of());
  }

  @Test
  void someoneRemovedFromTheWorkspaceAfterSchedulingIsNotReminded() throws Exception {
    String id = proposeForThree("Settle pricing");
    team.ana.api().post("/api/v1/sync-sessions/" + id + "/schedule", Map.of("start", "2027-03-23T13:30:00Z"));
    assertThat(team.ana.api().delete("/api/v1/workspaces/" + team.workspaceId + "/members/" + team.cy.id()).status()).isEqualTo(204);
    clock.set(Instant.parse("2027-03-22T21:45:00Z")); // Cy's reminder was planned for now
    settle();
    clock.set(Instant.parse("2027-03-23T13:15:00Z"));
    assertThat(reminded(team.ana)).isEqualTo("2027-03-23T13:15:00Z"); // due work runs in order: Cy's came first
    assertThat(deliveredReminder(team.cy)).isEqualTo("never");
    team.ana.api().post("/api/v1/sync-sessions/" + id + "/cancellation", Map.of());
  }

  /** When the person's reminder was delivered; waits a little, as the server's own ticker may be delivering it. */
  private String reminded(Team.Person p) throws InterruptedException {
    String at = "never";
    for (int i = 0; i < 50 && at.equals("never"); i++) {
      if (i > 0) Thread.sleep(100);
      settle();
      at = deliveredReminder(p);
    }
    return at;
  }

  private String deliveredReminder(Team.Person p) {
    return server.database().read(h -> h.createQuery("SELECT delivered_at FROM notifications WHERE recipient_id = ? AND kind = 'sync-reminder'")
        .bind(0, Long.parseLong(p.id())).mapTo(Long.class).findOne()).map(ms -> Instant.ofEpochMilli(ms).toString()).orElse("never");
  }

  private static net.fortuna.ical4j.model.Calendar parse(String ics) throws Exception {
    return new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics));
  }

  /** The mails whose subject starts so, once {@code expected} of them came (the server's own ticker may send some). */
  private List<jakarta.mail.internet.MimeMessage> mails(String prefix, int expected) throws InterruptedException {
    List<jakarta.mail.internet.MimeMessage> got = List.of();
    for (int i = 0; i < 100 && got.size() < expected; i++) {
      if (i > 0) Thread.sleep(100);
      settle();
      got = java.util.stream.Stream.of(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith(prefix)).toList();
    }
    return got;
  }

  private static String subject(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String to(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode find(JsonNode people, String id) {
    for (JsonNode p : people) if (p.get("id").asText().equals(id)) return p;
    throw new AssertionError("no " + id + " in " + people);
  }

  private String field(Map<String, Object> body) {
    var r = propose(team.ana, body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    return r.json().get("field").asText();
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> out = new java.util.HashMap<>(base);
    out.put(key, value);
    return out;
  }

  void settle() throws InterruptedException {
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    server.dueWork().runDue();
  }
}
