package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import dev.longhand.time.DeliveryPolicy;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A simulated week, on a server of its own with a test clock, for Ana (Lisbon 09-17), Bo (Seoul
 * 10-19, focus on Wednesdays 13-15) and Cy (Denver 08-16), from Monday 22 March 2027 across
 * Lisbon's spring-forward on Sunday 28 March, in 15-minute steps: no direct notification reaches
 * anyone outside their hours or in focus, each held one arrives at the start of their next
 * reachable time, digests come at local digest times (by email too, to a real SMTP server), and an
 * urgent notification with a reason breaks through while the fourth in a day is refused.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DeliveryWeekTest {
  static final Instant MONDAY = Instant.parse("2027-03-22T00:00:00Z");
  static final Duration STEP = Duration.ofMinutes(15);

  @Parameter Db db;
  TestClock clock;
  GreenMail smtp;
  Config config;
  Longhand server;
  Team team;
  String space;
  final Map<Instant, List<Runnable>> script = new LinkedHashMap<>();
  final List<Integer> urgentAnswers = new ArrayList<>();

  @BeforeEach
  void start() {
    clock = new TestClock(MONDAY);
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    config = TestServers.config(db).withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "");
    server = Longhand.start(config, clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Launch", "public");
    var focus = team.bo.api().put("/api/v1/me/delivery", Map.of("digestTimes", List.of("09:00", "15:00"),
        "focusBlocks", List.of(Map.of("day", "WEDNESDAY", "start", "13:00", "end", "15:00"))));
    assertThat(focus.status()).as(focus.body()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
    smtp.stop();
    config.databaseUrl().ifPresent(Databases::drop);
  }

  private void at(String instant, Runnable action) {
    script.computeIfAbsent(Instant.parse(instant), t -> new ArrayList<>()).add(action);
  }

  private String thread(Team.Person who, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private void reply(Team.Person who, String thread, String body) {
    assertThat(who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body)).status()).isEqualTo(201);
  }

  @Test
  void aWeekOfNotificationsRespectsEveryonesHours() throws Exception {
    String[] launch = new String[1];
    // Monday 10:00 UTC: 19:00 in Seoul (Bo's day just ended), 04:00 in Denver.
    at("2027-03-22T10:00:00Z", () -> launch[0] = thread(team.ana, "Launch plan",
        "@" + team.bo.handle() + " @" + team.cy.handle() + " please look at the plan"));
    // Tuesday 06:00 UTC (15:00 in Seoul), after Bo's answer: Ana asks him for more within 4 of his working hours,
    // due at the end of his day, 19:00 in Seoul (10:00 UTC); half time is 17:00 in Seoul.
    at("2027-03-23T06:00:00Z", () -> assertThat(team.ana.api().post("/api/v1/threads/" + launch[0] + "/replies",
        Map.of("body", "Can you confirm the numbers?", "ask", Map.of("assignee", team.bo.id(), "within", "PT4H"))).status())
        .isEqualTo(201));
    // Tuesday 02:00 UTC: Bo, at work in Seoul, answers Ana, who is asleep in Lisbon.
    at("2027-03-23T02:00:00Z", () -> reply(team.bo, launch[0], "@" + team.ana.handle() + " numbers attached"));
    // Wednesday 04:30 UTC: 13:30 in Seoul, inside Bo's focus block.
    at("2027-03-24T04:30:00Z", () -> reply(team.cy, launch[0], "@" + team.bo.handle() + " one more question"));
    // Thursday 16:00 UTC: 01:00 on Friday in Seoul. Ana really needs Bo: three urgent ones, and a fourth.
    at("2027-03-25T16:00:00Z", () -> {
      for (int i = 1; i <= 4; i++) {
        urgentAnswers.add(team.ana.api().post("/api/v1/notifications/urgent",
            Map.of("to", team.bo.id(), "threadId", launch[0], "reason", "The release is blocked (" + i + ")")).status());
      }
    });
    at("2027-03-25T20:00:00Z", () -> thread(team.cy, "Retro notes", "What went well"));
    // Friday 02:00 UTC: Bo puts the launch thread off for three hours.
    at("2027-03-26T02:00:00Z", () -> assertThat(team.bo.api().post("/api/v1/threads/" + launch[0] + "/reminders",
        Map.of("in", "PT3H")).status()).isEqualTo(201));
    at("2027-03-26T04:45:00Z", () -> assertThat(team.bo.api().get("/api/v1/inbox").json().get("items").findValuesAsText("threadId"))
        .doesNotContain(launch[0]));
    at("2027-03-26T05:00:00Z", () -> { }); // the reminder fires in this step
    at("2027-03-26T05:15:00Z", () -> {
      var first = team.bo.api().get("/api/v1/inbox").json().get("items").get(0);
      assertThat(first.get("threadId").asText()).isEqualTo(launch[0]);
      assertThat(first.get("reasons").toString()).contains("reminder");
    });
    // Friday 20:00 UTC: Cy writes to Bo now but schedules it for Monday 10:00 in Seoul (01:00 UTC).
    at("2027-03-26T20:00:00Z", () -> assertThat(team.cy.api().post("/api/v1/threads/" + launch[0] + "/scheduled-replies",
        Map.of("body", "@" + team.bo.handle() + " have a look when you start", "sendAt", "2027-03-29T01:00:00Z")).status()).isEqualTo(201));
    // Saturday: Cy mentions Ana; she is back on Monday, 09:00 Lisbon summer time (08:00 UTC).
    at("2027-03-27T12:00:00Z", () -> reply(team.cy, launch[0], "@" + team.ana.handle() + " for Monday"));

    for (Instant t = MONDAY; t.isBefore(Instant.parse("2027-03-30T12:00:00Z")); t = t.plus(STEP)) {
      clock.set(t);
      for (Runnable action : script.getOrDefault(t, List.of())) action.run();
      settle();
    }

    Map<Long, DeliveryPolicy> policies = Map.of(
        id(team.ana), policy("Europe/Lisbon", "09:00", "17:00", List.of()),
        id(team.bo), policy("Asia/Seoul", "10:00", "19:00", List.of(new WorkingRange(DayOfWeek.WEDNESDAY, LocalTime.of(13, 0), LocalTime.of(15, 0)))),
        id(team.cy), policy("America/Denver", "08:00", "16:00", List.of()));

    // Bo's mention of Ana at 02:00 on Tuesday, held for her morning, was settled before it: she wrote in the thread at
    // 06:00, which read it. It is dropped, not delivered (kept as a read row without deliver_at).
    Instant settledMention = Instant.parse("2027-03-23T02:00:00Z");
    assertThat((int) server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND kind = 'mention' "
        + "AND created_at = ? AND delivered_at IS NULL AND deliver_at IS NULL AND read_at IS NOT NULL")
        .bind(0, id(team.ana)).bind(1, settledMention.toEpochMilli()).mapTo(Integer.class).one())).isEqualTo(1);
    List<Map<String, Object>> rows = server.database().read(h -> h.createQuery(
            "SELECT recipient_id, level, kind, created_at, delivered_at FROM notifications WHERE level <> 'ambient' "
                + "AND NOT (delivered_at IS NULL AND deliver_at IS NULL) ORDER BY created_at")
        .mapToMap().list());
    int direct = 0;
    for (Map<String, Object> row : rows) {
      long who = ((Number) row.get("recipient_id")).longValue();
      Instant created = Instant.ofEpochMilli(((Number) row.get("created_at")).longValue());
      assertThat(row.get("delivered_at")).as("every notification of the week was delivered: " + row).isNotNull();
      Instant delivered = Instant.ofEpochMilli(((Number) row.get("delivered_at")).longValue());
      if (row.get("level").equals("urgent")) {
        assertThat(delivered).as("urgent breaks through at once").isEqualTo(created);
        continue;
      }
      direct++;
      DeliveryPolicy p = policies.get(who);
      assertThat(p.reachable(delivered)).as("direct " + row + " delivered inside hours and outside focus").isTrue();
      assertThat(Optional.of(delivered)).as("held until the start of the next reachable time: " + row).isEqualTo(p.nextReachable(created));
    }
    assertThat(deliveredAt(team.bo, "mention", "2027-03-29T01:00:00Z")).as("the scheduled reply, posted and delivered on time")
        .isEqualTo("2027-03-29T01:00:00Z");
    assertThat(direct).isEqualTo(11); // (12 made, Ana's settled mention dropped) ... the scheduled reply (Bo mentioned, Ana's thread replied to), the ask and its nudges

    // The ask reaches Bo at once; the half-time nudge too; the one at the deadline (the end of his day) waits for his
    // Wednesday morning, while Ana, at work, hears at once that it is overdue.
    assertThat(deliveredAt(team.bo, "ask", "2027-03-23T06:00:00Z")).isEqualTo("2027-03-23T06:00:00Z");
    assertThat(deliveredAt(team.bo, "ask-nudge", "2027-03-23T08:00:00Z")).isEqualTo("2027-03-23T08:00:00Z");
    assertThat(deliveredAt(team.bo, "ask-nudge", "2027-03-23T10:00:00Z")).isEqualTo("2027-03-24T01:00:00Z");
    assertThat(deliveredAt(team.ana, "ask-overdue", "2027-03-23T10:00:00Z")).isEqualTo("2027-03-23T10:00:00Z"); // Bo and Cy mentioned, Ana mentioned, Bo mentioned + Ana's reply, Ana mentioned

    assertThat(deliveredAt(team.bo, "mention", "2027-03-22T10:00:00Z")).isEqualTo("2027-03-23T01:00:00Z"); // 10:00 Seoul
    assertThat(deliveredAt(team.cy, "mention", "2027-03-22T10:00:00Z")).isEqualTo("2027-03-22T14:00:00Z"); // 08:00 Denver
    assertThat(deliveredAt(team.ana, "mention", "2027-03-23T02:00:00Z")).as("settled: she wrote in the thread at 06:00").isEqualTo("never");
    assertThat(deliveredAt(team.bo, "mention", "2027-03-24T04:30:00Z")).isEqualTo("2027-03-24T06:00:00Z"); // focus ends 15:00
    assertThat(deliveredAt(team.ana, "mention", "2027-03-27T12:00:00Z")).isEqualTo("2027-03-29T08:00:00Z"); // 09:00 Lisbon, summer

    assertThat(urgentAnswers).containsExactly(201, 201, 201, 429);
    assertThat(rows.stream().filter(r -> r.get("level").equals("urgent")).count()).isEqualTo(3);

    // Digests: only at digest times (09:00 and 15:00 local, or the start of a day that begins after 09:00), inside hours.
    List<Map<String, Object>> digests = server.database().read(h -> h.createQuery(
        "SELECT account_id, created_at, subject, body_text FROM digests ORDER BY created_at").mapToMap().list());
    assertThat(digests).isNotEmpty();
    for (Map<String, Object> d : digests) {
      long who = ((Number) d.get("account_id")).longValue();
      if (!policies.containsKey(who)) continue;
      DeliveryPolicy p = policies.get(who);
      Instant at = Instant.ofEpochMilli(((Number) d.get("created_at")).longValue());
      LocalTime local = at.atZone(p.calendar().zone()).toLocalTime();
      assertThat(p.calendar().isWorking(at)).as("digest inside working hours: " + d).isTrue();
      assertThat(local).as("digest at a digest time: " + d).isIn(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(15, 0));
    }
    assertThat(digests.stream().filter(d -> ((Number) d.get("account_id")).longValue() == id(team.ana))
        .map(d -> (String) d.get("body_text"))).anySatisfy(text -> assertThat(text).contains("New threads").contains("Retro notes"));

    MimeMessage[] mails = smtp.getReceivedMessages();
    // Mail is sent at least once: when this test's clock jumps past a send's lease while the server's own
    // ticker is still sending, it is sent again, with the same Message-ID, which mail clients fold into one.
    long distinct = Stream.of(mails).map(m -> {
      try {
        return m.getMessageID();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).distinct().count();
    List<MimeMessage> digestMails = Stream.of(mails).filter(m -> subject(m).startsWith("Your Longhand digest")).toList();
    assertThat(digestMails.stream().map(DeliveryWeekTest::messageId).distinct().count()).as("each digest is also an email")
        .isEqualTo(digests.size());
    // Asks and their nudges go by email too, when they are delivered: never outside the recipient's hours.
    List<MimeMessage> askMails = Stream.of(mails).filter(m -> !subject(m).startsWith("Your Longhand digest")
        && !subject(m).startsWith("Urgent")).toList();
    assertThat(askMails.stream().map(DeliveryWeekTest::subject).distinct().toList()).anySatisfy(t -> assertThat(t).startsWith(
        "Half the time for")).anySatisfy(t -> assertThat(t).contains("is due now")).anySatisfy(t -> assertThat(t).contains("has not answered"))
        .anySatisfy(t -> assertThat(t).contains("asked you in “Launch plan”"));
    assertThat(Stream.of(mails).filter(m -> subject(m).startsWith("Urgent")).map(DeliveryWeekTest::messageId).distinct().count())
        .isEqualTo(3);
    assertThat(distinct).isEqualTo(digests.size() + 4 + 3);
    MimeMessage first = mails[0];
    assertThat(first.getSubject()).startsWith("Your Longhand digest");
    String body = GreenMailUtil.getBody(first);
    assertThat(body).contains("text/plain").contains("text/html");
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String deliveredAt(Team.Person p, String kind, String created) {
    return server.database().read(h -> h.createQuery("SELECT delivered_at FROM notifications WHERE recipient_id = ? AND kind = ? "
            + "AND created_at = ?")
        .bind(0, id(p)).bind(1, kind).bind(2, Instant.parse(created).toEpochMilli()).mapTo(Long.class).findOne())
        .map(ms -> Instant.ofEpochMilli(ms).toString()).orElse("never");
  }

  private void settle() throws InterruptedException {
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    server.dueWork().runDue();
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    server.dueWork().runDue(); // mail queued by a digest in this step
  }

  private static long id(Team.Person p) {
    return Long.parseLong(p.id());
  }

  private static DeliveryPolicy policy(String zone, String start, String end, List<WorkingRange> focus) {
    ZoneId z = ZoneId.of(zone);
    List<WorkingRange> week = Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
        .map(d -> new WorkingRange(d, LocalTime.parse(start), LocalTime.parse(end))).toList();
    return new DeliveryPolicy(WorkCalendar.of(z, week, List.of(), List.of()), WorkCalendar.of(z, focus, List.of(), List.of()),
        Optional.empty(), List.of(LocalTime.of(9, 0), LocalTime.of(15, 0)));
  }
}
