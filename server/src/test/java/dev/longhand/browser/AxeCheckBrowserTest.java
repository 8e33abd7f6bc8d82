package dev.longhand.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accessibility check every browser test relies on finds what it should: without this, a silent axe passes all. */
class AxeCheckBrowserTest {
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
  void aPageWithoutFaultsPasses() {
    Page page = browser.person("UTC");
    page.setContent("<!doctype html><html lang=en><head><title>Fine</title></head><body><main><h1>Fine</h1>"
        + "<p>Nothing wrong here.</p></main></body></html>");
    assertThat(Browser.accessibilityViolations(page)).isEmpty();
  }

  @Test
  void anImageWithoutTextAndAButtonWhoseNameHidesItsLabelAreNamed() {
    Page page = browser.person("UTC");
    page.setContent("<!doctype html><html lang=en><head><title>Faults</title></head><body><main><h1>Faults</h1>"
        + "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' id=photo>"
        + "<button id=send aria-label='Dispatch'>Send now</button></main></body></html>");
    assertThat(Browser.accessibilityViolations(page))
        .anySatisfy(line -> assertThat(line).startsWith("image-alt (critical) on [\"#photo\"]"))
        .anySatisfy(line -> assertThat(line).startsWith("label-content-name-mismatch").contains("#send"));
    assertThatThrownBy(() -> Browser.assertAccessible(page)).isInstanceOf(AssertionError.class).hasMessageContaining("image-alt");
  }
}
