package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ana attaches a diagram with the Attach button and pastes a screenshot into her reply; both upload with their
 * Markdown put where she was typing, and the posted reply shows them inline as thumbnails linking to the whole
 * picture, for Bo too. A damaged image is refused with the reason beside the box, and the text stays.
 */
class FileBrowserTest {
  static Browser browser;
  String base = TestServers.get(Db.SQLITE).baseUrl();

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @Test
  void anaAttachesAndPastesImagesIntoAReplyAndEveryoneSeesThemInline() throws IOException {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "New onboarding screens", "body", "Drafts of the sign-up flow are ready for a look.")).text("id");

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    Locator reply = ana.locator("#reply-body");
    assertThat(ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Attach files"))).isVisible();
    reply.fill("Here is the flow: ");

    // the Attach button's file picker
    ana.setInputFiles("#reply-body-files", new FilePayload("signup-flow.png", "image/png", png(1600, 900, new Color(40, 110, 200))));
    assertThat(reply).hasValue(Pattern.compile("Here is the flow: \\n!\\[signup-flow\\.png]\\(/files/\\d+\\)", Pattern.DOTALL));

    // a screenshot pasted from the clipboard (Chrome calls it image.png)
    ana.evaluate("""
        (b64) => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
          const area = document.getElementById('reply-body');
          area.focus();
          area.setSelectionRange(area.value.length, area.value.length);
          area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }""", Base64.getEncoder().encodeToString(png(800, 500, new Color(220, 120, 40))));
    assertThat(reply).hasValue(Pattern.compile(".*!\\[Screenshot \\d{4}-\\d{2}-\\d{2} [\\d.]+\\.png]\\(/files/\\d+\\).*", Pattern.DOTALL));

    // a damaged image is refused with the reason; the text stays as it was
    String before = reply.inputValue();
    ana.setInputFiles("#reply-body-files", new FilePayload("broken.png", "image/png", java.util.Arrays.copyOf(png(64, 64, Color.RED), 50)));
    assertThat(ana.locator(".attach-upload.error")).containsText("Could not attach broken.png");
    assertThat(ana.locator(".attach-upload.error")).containsText("cannot be read");
    assertThat(reply).hasValue(before);
    Browser.screenshot(ana, "files-01-composer");

    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dismiss")).click();
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    ana.waitForURL(Pattern.compile(".*/threads/" + thread + ".*"));
    Locator images = ana.locator("article.reply a.file-image img");
    assertThat(images).hasCount(2);
    waitLoaded(ana);
    assertThat(ana.locator("article.reply a.file-image").first()).hasAttribute("href", Pattern.compile("/files/\\d+"));
    assertThat(images.first()).hasAttribute("alt", "signup-flow.png");
    Number width = (Number) ana.evaluate("() => document.querySelector('article.reply a.file-image img').naturalWidth");
    assertThat(width.intValue()).as("the thumbnail, not the 1600 px original").isEqualTo(480);
    Browser.screenshot(ana, "files-02-reply");

    // Bo sees them too; the link opens the whole picture
    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator("article.reply a.file-image img")).hasCount(2);
    waitLoaded(bo);
    String full = bo.locator("article.reply a.file-image").first().getAttribute("href");
    var answer = bo.request().get(base + full);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("content-type")).isEqualTo("image/png");
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(answer.body())).getWidth()).isEqualTo(1600);

    // Eve, of another workspace, gets nothing for the same address
    Page eve = browser.signedIn(base, "Europe/London", team.eve.email());
    assertThat(eve.request().get(base + full).status()).isEqualTo(404);
  }

  private static void waitLoaded(Page page) {
    page.waitForFunction("() => [...document.querySelectorAll('a.file-image img')].every(i => i.complete && i.naturalWidth > 0)");
  }

  private static byte[] png(int w, int h, Color color) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(color);
    g.fillRoundRect(w / 10, h / 8, w * 8 / 10, h * 6 / 8, 40, 40);
    g.setColor(Color.WHITE);
    g.setFont(g.getFont().deriveFont(w / 14f));
    g.drawString("Sign up", w / 5, h / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
