package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import dev.longhand.mail.SmtpMailer;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forgot password and changing one's email, on a server of this class's own with a test clock and a real SMTP server
 * (GreenMail): the same answer for every address, links that work once and expire, sessions ended, the old address
 * working until the new one is confirmed.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AccountRecoveryTest {
  static final String PASSWORD = "correct horse battery";
  static final Pattern RESET_LINK = Pattern.compile("/password-resets/([A-Za-z0-9_-]{43})");
  static final Pattern EMAIL_LINK = Pattern.compile("/email-changes/([A-Za-z0-9_-]{43})");

  record Env(Longhand server, GreenMail smtp, TestClock clock, Config config) {}

  private static final Map<Db, Env> ENVS = new EnumMap<>(Db.class);

  @Parameter Db db;
  Env env;
  Team team;

  static synchronized Env env(Db db) {
    return ENVS.computeIfAbsent(db, d -> {
      GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
      Config config = TestServers.config(d).withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "");
      return new Env(Longhand.start(config, clock), smtp, clock, config);
    });
  }

  @AfterAll
  static synchronized void stop() {
    ENVS.values().forEach(e -> {
      e.server().close();
      e.smtp().stop();
      e.config().databaseUrl().ifPresent(Databases::drop);
    });
    ENVS.clear();
  }

  @BeforeEach
  void team() {
    env = env(db);
    team = Team.on(env.server());
  }

  @Test
  void everyAddressGetsTheSameAnswerAndOnlyARealOneGetsAMail() throws Exception {
    String unknown = "nobody-" + System.nanoTime() + "@example.test";
    var known = team.anonymous.post("/api/v1/password-resets", Map.of("email", "  " + team.bo.email().toUpperCase() + " "));
    var missing = team.anonymous.post("/api/v1/password-resets", Map.of("email", unknown));
    assertThat(known.status()).isEqualTo(202);
    assertThat(missing.status()).isEqualTo(202);
    assertThat(missing.body()).isEqualTo(known.body());

    WebSession page = new WebSession(env.server().baseUrl());
    String knownPage = page.postForm("/forgot-password", Map.of("email", team.cy.email())).body();
    String missingPage = page.postForm("/forgot-password", Map.of("email", unknown)).body();
    assertThat(missingPage.replace(unknown, "X").replaceAll("value=\"[^\"]*\"", ""))
        .isEqualTo(knownPage.replace(team.cy.email(), "X").replaceAll("value=\"[^\"]*\"", ""));
    assertThat(knownPage).contains("If an account uses");

    resetToken(team.bo.email());
    resetToken(team.cy.email());
    awaitResetWork();
    awaitMailSent();
    assertThat(mailsTo(unknown)).isEmpty();
    assertThat(tokens(team.bo.email(), RESET_LINK)).hasSize(1);
  }

  @Test
  void badAddressesNameTheField() {
    for (Object bad : List.of("", "not-an-email", "a@b", "x".repeat(330) + "@example.test", "bo\u0000@example.test")) {
      var r = team.anonymous.post("/api/v1/password-resets", Map.of("email", bad));
      assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo("email");
    }
    var none = team.anonymous.post("/api/v1/password-resets", Map.of());
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.text("field")).isEqualTo("email");
  }

  @Test
  void aLinkSetsTheNewPasswordOnceAndEndsEverySession() throws Exception {
    WebSession signedIn = WebSession.signedIn(env.server().baseUrl(), team.cy.email(), PASSWORD);
    team.anonymous.post("/api/v1/password-resets", Map.of("email", team.cy.email()));
    String token = resetToken(team.cy.email());

    WebSession stranger = new WebSession(env.server().baseUrl());
    assertThat(stranger.get("/password-resets/" + token).body()).contains("Choose a new password").contains("name=\"password\"");

    var tooShort = team.anonymous.post("/api/v1/password-resets/" + token, Map.of("password", "short"));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.text("field")).isEqualTo("password");
    var none = team.anonymous.post("/api/v1/password-resets/" + token, Map.of());
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.text("field")).isEqualTo("password");
    assertThat(signedIn.get("/me").statusCode()).as("a refusal changes nothing").isEqualTo(200);

    var done = team.anonymous.post("/api/v1/password-resets/" + token, Map.of("password", "a brand new password"));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(signedIn.get("/me").statusCode()).as("signed out").isIn(302, 303);
    assertThat(team.anonymous.post("/api/v1/tokens", Map.of("email", team.cy.email(), "password", "a brand new password")).status()).isEqualTo(201);
    assertThat(team.anonymous.post("/api/v1/tokens", Map.of("email", team.cy.email(), "password", PASSWORD)).status()).isEqualTo(400);

    var again = team.anonymous.post("/api/v1/password-resets/" + token, Map.of("password", "yet another password"));
    assertThat(again.status()).isEqualTo(404);
    var page = stranger.get("/password-resets/" + token);
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("expired or was already used");
    assertThat(team.anonymous.post("/api/v1/password-resets/not-a-token", Map.of("password", "a brand new password")).status()).isEqualTo(404);
  }

  @Test
  void aLinkExpiresAfterAnHour() throws Exception {
    team.anonymous.post("/api/v1/password-resets", Map.of("email", team.gil.email()));
    String token = resetToken(team.gil.email());
    env.clock().advance(Duration.ofMinutes(61));
    var late = team.anonymous.post("/api/v1/password-resets/" + token, Map.of("password", "a brand new password"));
    assertThat(late.status()).isEqualTo(404);
    assertThat(team.anonymous.post("/api/v1/tokens", Map.of("email", team.gil.email(), "password", PASSWORD)).status()).isEqualTo(201);
  }

  @Test
  void usingOneLinkEndsTheOthersAndAnAccountGetsAtMostFiveAnHour() throws Exception {
    for (int i = 0; i < 7; i++) assertThat(team.anonymous.post("/api/v1/password-resets", Map.of("email", team.ana.email())).status()).isEqualTo(202);
    awaitResetWork();
    awaitTokens(team.ana.email(), RESET_LINK, 5);
    awaitMailSent();
    List<String> tokens = tokens(team.ana.email(), RESET_LINK);
    assertThat(tokens).hasSize(5);
    assertThat(team.anonymous.post("/api/v1/password-resets/" + tokens.get(4), Map.of("password", "a brand new password")).status()).isEqualTo(204);
    assertThat(team.anonymous.post("/api/v1/password-resets/" + tokens.get(0), Map.of("password", "another new password")).status()).isEqualTo(404);
  }

  @Test
  void aNewEmailWorksOnlyOnceConfirmedFromItsMailbox() throws Exception {
    String fresh = "bo-new-" + System.nanoTime() + "@example.test";
    var wrong = team.bo.api().post("/api/v1/me/email", Map.of("email", fresh, "password", "not my password"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.text("field")).isEqualTo("password");
    var taken = team.bo.api().post("/api/v1/me/email", Map.of("email", team.cy.email(), "password", PASSWORD));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.text("field")).isEqualTo("email");
    var same = team.bo.api().post("/api/v1/me/email", Map.of("email", team.bo.email(), "password", PASSWORD));
    assertThat(same.status()).isEqualTo(400);
    assertThat(same.text("field")).isEqualTo("email");
    var bad = team.bo.api().post("/api/v1/me/email", Map.of("email", "nope", "password", PASSWORD));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("email");

    var sent = team.bo.api().post("/api/v1/me/email", Map.of("email", fresh.toUpperCase(), "password", PASSWORD));
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    assertThat(sent.text("sentTo")).isEqualTo(fresh);
    String token = awaitTokens(fresh, EMAIL_LINK, 1).getFirst();
    // until confirmed, the old address is the one that signs in
    assertThat(signIn(team.bo.email())).isEqualTo(201);
    assertThat(signIn(fresh)).isEqualTo(400);
    assertThat(team.bo.api().get("/api/v1/me").text("email")).isEqualTo(team.bo.email());

    WebSession mailbox = new WebSession(env.server().baseUrl());
    assertThat(mailbox.get("/email-changes/" + token).body()).contains("Use " + fresh);
    var confirmed = team.anonymous.post("/api/v1/email-changes/" + token, Map.of());
    assertThat(confirmed.status()).isEqualTo(204);
    assertThat(signIn(fresh)).isEqualTo(201);
    assertThat(signIn(team.bo.email())).isEqualTo(400);
    assertThat(team.bo.api().get("/api/v1/me").text("email")).isEqualTo(fresh); // the cached token sees it at once
    assertThat(awaitMail(team.bo.email(), "Your Longhand email was changed")).hasSize(1);

    assertThat(team.anonymous.post("/api/v1/email-changes/" + token, Map.of()).status()).isEqualTo(404);
    assertThat(mailbox.get("/email-changes/" + token).statusCode()).isEqualTo(404);
  }

  @Test
  void theProfilePageChangesTheEmailThroughTheLink() throws Exception {
    String fresh = "gil-new-" + System.nanoTime() + "@example.test";
    WebSession gil = WebSession.signedIn(env.server().baseUrl(), team.gil.email(), PASSWORD);
    var wrong = gil.postForm("/me/email", Map.of("email", fresh, "password", "not my password"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("id=\"error-email\"").contains("That is not your password.").contains("value=\"" + fresh + "\"");
    var sent = gil.postForm("/me/email", Map.of("email", fresh, "password", PASSWORD));
    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(gil.get(sent.headers().firstValue("Location").orElseThrow()).body()).contains("We sent a link to " + fresh);
    String token = awaitTokens(fresh, EMAIL_LINK, 1).getFirst();
    var confirmed = gil.postForm("/email-changes/" + token, Map.of());
    assertThat(confirmed.statusCode()).isEqualTo(303);
    assertThat(gil.get(confirmed.headers().firstValue("Location").orElseThrow()).body()).contains(fresh);
  }

  @Test
  void anEmailLinkExpiresAfterADay() throws Exception {
    String fresh = "cy-new-" + System.nanoTime() + "@example.test";
    assertThat(team.cy.api().post("/api/v1/me/email", Map.of("email", fresh, "password", PASSWORD)).status()).isEqualTo(202);
    String token = awaitTokens(fresh, EMAIL_LINK, 1).getFirst();
    env.clock().advance(Duration.ofHours(25));
    assertThat(team.anonymous.post("/api/v1/email-changes/" + token, Map.of()).status()).isEqualTo(404);
    assertThat(team.cy.api().get("/api/v1/me").text("email")).isEqualTo(team.cy.email());
  }

  @Test
  void withoutMailNoLinkIsSentAndPagesSaySo() {
    Team plain = Team.of(db); // the suite's server, which has no SMTP
    assertThat(plain.anonymous.post("/api/v1/password-resets", Map.of("email", plain.bo.email())).status()).isEqualTo(202);
    assertThat(new WebSession(plain.anonymous.base()).get("/forgot-password").body()).contains("sends no email");
    var change = plain.bo.api().post("/api/v1/me/email", Map.of("email", "elsewhere-" + System.nanoTime() + "@example.test", "password", PASSWORD));
    assertThat(change.status()).isEqualTo(409);
    assertThat(change.text("field")).isEqualTo("email");
  }

  // ---- helpers ----

  private int signIn(String email) {
    return team.anonymous.post("/api/v1/tokens", Map.of("email", email, "password", PASSWORD)).status();
  }

  /** Waits until no reset request is left to look up (the ticker runs them; so may we). */
  private void awaitResetWork() throws InterruptedException {
    for (int i = 0; i < 200 && env.server().dueWork().waiting(AccountRecovery.RESET_KIND) > 0; i++) {
      env.server().dueWork().runDue();
      Thread.sleep(50);
    }
    assertThat(env.server().dueWork().waiting(AccountRecovery.RESET_KIND)).isZero();
  }

  /** The token of the newest reset mail to this address, waiting for it to arrive. */
  private String resetToken(String email) throws Exception {
    List<String> tokens = awaitTokens(email, RESET_LINK, 1);
    return tokens.getLast();
  }

  /** The tokens of the links mailed to this address, oldest first, waiting until there are {@code count}. */
  private List<String> awaitTokens(String email, Pattern link, int count) throws Exception {
    List<String> tokens = tokens(email, link);
    for (int i = 0; i < 300 && tokens.size() < count; i++) {
      env.server().dueWork().runDue();
      Thread.sleep(50);
      tokens = tokens(email, link);
    }
    return tokens;
  }

  private List<String> tokens(String email, Pattern link) throws Exception {
    List<String> tokens = new ArrayList<>();
    for (MimeMessage m : mailsTo(email)) {
      Matcher matcher = link.matcher(String.valueOf(m.getContent()));
      if (matcher.find()) tokens.add(matcher.group(1));
    }
    return tokens;
  }

  private List<MimeMessage> awaitMail(String email, String subject) throws Exception {
    for (int i = 0; i < 300 && mailsTo(email).stream().noneMatch(m -> subjectIs(m, subject)); i++) {
      env.server().dueWork().runDue();
      Thread.sleep(50);
    }
    return mailsTo(email).stream().filter(m -> subjectIs(m, subject)).toList();
  }

  private static boolean subjectIs(MimeMessage m, String subject) {
    try {
      return subject.equals(m.getSubject());
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
  }

  /** Waits until every queued mail has gone out. */
  private void awaitMailSent() throws InterruptedException {
    for (int i = 0; i < 200 && env.server().dueWork().waiting(SmtpMailer.KIND) > 0; i++) {
      env.server().dueWork().runDue();
      Thread.sleep(50);
    }
    assertThat(env.server().dueWork().waiting(SmtpMailer.KIND)).isZero();
  }

  private List<MimeMessage> mailsTo(String email) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : env.smtp().getReceivedMessages()) {
      for (Address a : m.getAllRecipients()) if (a.toString().equalsIgnoreCase(email)) out.add(m);
    }
    return out;
  }
}
