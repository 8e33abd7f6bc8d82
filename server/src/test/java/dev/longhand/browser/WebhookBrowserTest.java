package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import dev.longhand.config.Cidr;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.TestServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ana, an owner, adds a webhook from the workspace's page (an address inside is refused beside the field), sees its
 * secret once, watches a delivery arrive in the log, sends it again and deletes the webhook; Bo, a member, is offered
 * none of it. Every page is checked with axe-core.
 */
class WebhookBrowserTest {
  static Browser browser;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @Test
  void anaAddsAWebhookSeesADeliveryRedeliversAndDeletesIt() throws Exception {
    LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      heard.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (OwnServer own = OwnServer.with(TestServers.config(Db.SQLITE).withWebhookAllow(List.of(Cidr.parse("127.0.0.0/8", "test"))), "Launch")) {
      String base = own.server.baseUrl();
      String ws = own.team.workspaceId;

      Page bo = browser.signedIn(base, "Asia/Seoul", own.team.bo.email());
      bo.navigate(base + "/workspaces/" + ws);
      assertThat(bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks: this workspace's events sent to your tools"))).hasCount(0);
      assertThat(bo.navigate(base + "/workspaces/" + ws + "/webhooks").status()).isEqualTo(403);

      Page ana = browser.signedIn(base, "Europe/Lisbon", own.team.ana.email());
      ana.navigate(base + "/workspaces/" + ws);
      ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks: this workspace's events sent to your tools")).click();
      assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Webhooks");
      assertThat(ana.getByText("No webhooks yet.")).isVisible();
      Browser.screenshot(ana, "webhook-01-empty");

      ana.locator("#webhook-url").fill("http://169.254.169.254/latest/meta-data");
      ana.getByLabel("ThreadPosted").check();
      ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add webhook")).click();
      assertThat(ana.locator("#webhook-error")).containsText("169.254.169.254 is link-local");
      assertThat(ana.locator("#webhook-url")).hasAttribute("aria-invalid", "true");
      assertThat(ana.getByLabel("ThreadPosted")).isChecked();
      Browser.screenshot(ana, "webhook-02-refused");

      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/longhand";
      ana.locator("#webhook-url").fill(url);
      ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add webhook")).click();
      assertThat(ana.getByLabel("Signing secret")).hasValue(java.util.regex.Pattern.compile("^whsec_[A-Za-z0-9+/]+=*$"));
      assertThat(ana.locator(".webhook-list")).containsText(url);
      Browser.screenshot(ana, "webhook-03-secret-once");
      assertThat(ana).hasURL(java.util.regex.Pattern.compile("/workspaces/" + ws + "/webhooks\\?added=[0-9]+$")); // redirected: no secret in it
      String secret = ana.getByLabel("Signing secret").inputValue();
      assertThat(ana.url()).doesNotContain(secret.substring(6));
      com.microsoft.playwright.Response reloaded = ana.reload(); // Post/Redirect/Get: a reload posts nothing again
      assertThat(reloaded.request().method()).isEqualTo("GET");
      assertThat(ana.locator(".webhook-list li")).hasCount(1);
      assertThat(ana.getByLabel("Signing secret")).hasCount(0);
      assertThat(ana.content()).doesNotContain(secret);
      assertThat(own.team.ana.api().get("/api/v1/workspaces/" + ws + "/webhooks").json().path("webhooks")).hasSize(1);
      Browser.screenshot(ana, "webhook-03b-reloaded");
      ana.navigate(base + "/workspaces/" + ws + "/webhooks"); // the list again: the secret is never shown twice
      assertThat(ana.getByLabel("Signing secret")).hasCount(0);

      own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Launch plan", "body", "Ship it"));
      assertThat(heard.poll(30, TimeUnit.SECONDS)).contains("\"type\":\"ThreadPosted\"");
      ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(url)).click();
      for (int i = 0; i < 100 && ana.locator(".delivery-delivered").count() == 0; i++) { // the sender records after the answer
        Thread.sleep(100);
        ana.reload();
      }
      assertThat(ana.locator("table.webhook-deliveries tbody tr")).hasCount(1);
      assertThat(ana.locator(".delivery-delivered")).hasText("delivered");
      assertThat(ana.locator("table.webhook-deliveries")).containsText("204");
      Browser.screenshot(ana, "webhook-04-deliveries");

      ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Redeliver ThreadPosted"))).click();
      assertThat(ana.getByText("Sent again.")).isVisible();
      assertThat(heard.poll(30, TimeUnit.SECONDS)).contains("\"type\":\"ThreadPosted\"");

      ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks").setExact(true)).click();
      ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete the webhook to " + url)).click();
      assertThat(ana.getByText("Webhook deleted.")).isVisible();
      assertThat(ana.getByText("No webhooks yet.")).isVisible();
    } finally {
      receiver.stop(0);
    }
  }
}
