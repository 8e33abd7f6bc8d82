package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One's account in a real browser, on a server with a real SMTP server (GreenMail): Cy forgets his password, gets the
 * link by mail and chooses a new one; Bo gives himself a picture, which shows beside his name on his thread; Ana, the
 * owner, removes Bo from the workspace, confirming first, and his token loses it at once.
 */
class AccountBrowserTest {
  static Browser browser;
  static GreenMail smtp;
  static Longhand server;
  static String base;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Config config = TestServers.config(Db.SQLITE).withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "");
    server = Longhand.start(config, Clock.systemUTC());
    base = server.baseUrl();
  }

  @AfterAll
  static void close() {
    if (server != null) server.close();
    if (smtp != null) smtp.stop();
    if (browser != null) browser.close();
  }

  @Test
  void cyForgetsHisPasswordAndSetsANewOneFromTheMailedLink() throws Exception {
    Team team = Team.on(server);
    Page cy = browser.person("America/Denver");
    cy.navigate(base + "/login");
    cy.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
    assertThat(cy.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forgot your password?"))).isVisible();
    cy.getByLabel("Email").fill(team.cy.email());
    Browser.screenshot(cy, "account-01-forgot-password");
    cy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a link")).click();
    assertThat(cy.locator("#reset-sent")).containsText("If an account uses " + team.cy.email());
    Browser.screenshot(cy, "account-02-link-sent");

    String link = awaitLink(team.cy.email(), Pattern.compile("(https?://\\S+/password-resets/[A-Za-z0-9_-]{43})"));
    assertThat(link).startsWith(base);
    cy.navigate(link);
    assertThat(cy.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Choose a new password"))).isVisible();
    cy.getByLabel("New password").fill("a much better password");
    Browser.screenshot(cy, "account-03-choose-password");
    cy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
    cy.waitForURL(u -> u.contains("/login"));
    assertThat(cy.locator(".notice")).containsText("Your password is changed");

    cy.getByLabel("Email").fill(team.cy.email());
    cy.getByLabel("Password").fill("a much better password");
    cy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    cy.waitForURL(u -> !u.contains("/login"));
    assertThat(cy.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your workspaces"))).isVisible();

    cy.navigate(link); // once only
    assertThat(cy.locator("main")).containsText("expired or was already used");
    Browser.screenshot(cy, "account-04-link-used");
  }

  @Test
  void boSetsAPictureThatShowsBesideHisNameAndAnaRemovesHim() throws Exception {
    Team team = Team.on(server);
    String space = team.createSpace(team.ana, "Launch", "public");
    String thread = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Shipping notes", "body", "Draft ready.")).text("id");
    team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Thanks, reading it now."));

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/me");
    assertThat(bo.locator(".profile-head img.avatar")).hasAttribute("src", "/avatars/" + team.bo.id());
    bo.setInputFiles("input[name=file]", picture());
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload picture")).click();
    assertThat(bo.locator(".notice")).containsText("Your picture is changed");
    assertThat(bo.locator(".profile-head img.avatar")).hasAttribute("src", Pattern.compile("/avatars/" + team.bo.id() + "\\?v=\\d+"));
    assertThat(bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove picture and show my initials"))).isVisible();
    Browser.screenshot(bo, "account-05-profile");

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    Locator byline = ana.locator("article.opening .byline");
    assertThat(byline.locator("img.avatar")).hasAttribute("src", "/avatars/" + team.bo.id());
    assertThat(byline).containsText(team.bo.name());
    ana.waitForFunction("() => document.querySelector('article.opening .byline img.avatar').naturalWidth === 128"); // his picture, loaded
    Browser.screenshot(ana, "account-06-thread-with-pictures");

    ana.navigate(base + "/workspaces/" + team.workspaceId);
    Locator boRow = ana.locator("ul.people li").filter(new Locator.FilterOptions().setHasText(team.bo.name()));
    assertThat(ana.locator("ul.people li").filter(new Locator.FilterOptions().setHasText(team.ana.name())).locator("summary")).hasCount(0);
    boRow.locator("summary").click();
    assertThat(boRow.locator(".remove-confirm")).containsText("What they wrote stays, under their name.");
    Browser.screenshot(ana, "account-07-remove-confirm");
    boRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove " + team.bo.name())).click();
    assertThat(ana.locator(".notice")).containsText(team.bo.name() + " was removed from the workspace.");
    assertThat(ana.locator("ul.people")).not().containsText(team.bo.name());
    Browser.screenshot(ana, "account-08-member-removed");

    assertThat(team.bo.api().get("/api/v1/threads/" + thread).status()).isEqualTo(404);
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator("main")).containsText("Not found");
    ana.navigate(base + "/threads/" + thread);
    assertThat(ana.locator("article.opening .byline")).containsText(team.bo.name()); // what he wrote stays, under his name
  }

  private static String awaitLink(String email, Pattern link) throws Exception {
    for (int i = 0; i < 300; i++) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        for (Address a : m.getAllRecipients()) {
          if (!a.toString().equalsIgnoreCase(email)) continue;
          Matcher matcher = link.matcher(String.valueOf(m.getContent()));
          if (matcher.find()) return matcher.group(1);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no link mailed to " + email);
  }

  private static Path picture() throws Exception {
    BufferedImage img = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, new Color(255, 170, 60), 480, 320, new Color(40, 90, 200)));
    g.fillRect(0, 0, 480, 320);
    g.setColor(Color.WHITE);
    g.fillOval(170, 90, 140, 140);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    Path file = Files.createTempFile("bo-", ".jpg");
    Files.write(file, out.toByteArray());
    return file;
  }
}
