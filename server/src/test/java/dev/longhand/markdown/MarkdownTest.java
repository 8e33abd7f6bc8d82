package dev.longhand.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownTest {
  private static final Pattern EVENT_HANDLER_ATTRIBUTE = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  private final Markdown markdown = new Markdown();

  private String html(String text) {
    return markdown.toHtml(text, Set.of("ana", "bo"));
  }

  @Test
  void taskListsBecomeCheckboxesNobodyCanTickInPlace() {
    String out = html("""
        - [ ] write the notes
        - [x] book the room
        - plain item
        """);
    assertThat(out).contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> write the notes",
        "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\" /> book the room", "<li>plain item</li>");
    assertThat(html("- [ ] <input type=\"text\" onfocus=\"x()\">")).doesNotContain("type=\"text\"").doesNotContainPattern(EVENT_HANDLER_ATTRIBUTE);
    assertThat(Markdown.VERSION).as("task lists changed the HTML: stored posts must be rendered again").isGreaterThanOrEqualTo(2);
  }

  @Test
  void formattingListsCodeQuotesAndTablesSurvive() {
    String out = html("""
        # Plan
        Some **bold**, _emphasis_ and `code`.

        1. one
        2. two

        > quoted

        ```java
        int x = 1;
        ```

        | a | b |
        |---|:-:|
        | 1 | 2 |
        """);
    assertThat(out).contains("<h1>Plan</h1>", "<strong>bold</strong>", "<em>emphasis</em>", "<code>code</code>",
        "<ol>", "<li>one</li>", "<blockquote>", "<pre><code class=\"language-java\">", "<table>", "<td>1</td>", "align=\"center\"");
  }

  @Test
  void scriptTagsNeverSurvive() {
    String out = html("Hello <script>alert('x')</script>\n\n<script src=\"https://evil.example/x.js\"></script>");
    assertThat(out).doesNotContainIgnoringCase("<script");
    assertThat(out).contains("Hello");
  }

  @Test
  void javascriptLinksNeverSurvive() {
    String out = html("[click](javascript:alert(1)) and [also](JaVaScRiPt:alert(1)) and <javascript:alert(1)>");
    assertThat(out).doesNotContainIgnoringCase("href=\"javascript").doesNotContainIgnoringCase("href=\"JaVaScRiPt");
    assertThat(out).containsPattern("click");
  }

  @Test
  void eventHandlerAttributesNeverSurvive() {
    String out = html("<img src=x onerror=alert(1)>\n\n![pic](x\" onerror=\"alert(1)) <a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>\n\n<div onmouseover=\"alert(1)\">hi</div>");
    assertThat(EVENT_HANDLER_ATTRIBUTE.matcher(out).find()).as(out).isFalse();
    assertThat(out).doesNotContain("<img", "<div");
  }

  @Test
  void uploadedImagesShowTheirThumbnailLinkingToTheWholePicture() {
    String out = html("Look: ![Login *screen*](/files/123456789) and [the spec.pdf](/files/987654321)");
    assertThat(out).containsPattern("<a href=\"/files/123456789\" class=\"file-image\"[^>]*><img src=\"/files/123456789/thumbnail\" "
        + "alt=\"Login screen\" loading=\"lazy\" /></a>");
    assertThat(out).contains("href=\"/files/987654321\"", ">the spec.pdf</a>");
  }

  @Test
  void otherImagesBecomeLinksAndLoadNothing() {
    String out = html("![tracker](https://evil.example/pixel.gif) ![x](/files/1/../../admin) ![y](javascript:alert(1)) "
        + "<img src=\"/files/1/thumbnail\" onerror=\"alert(1)\">");
    assertThat(out).doesNotContain("<img");
    assertThat(out).contains("href=\"https://evil.example/pixel.gif\"", ">tracker</a>").doesNotContainIgnoringCase("javascript:");
    assertThat(EVENT_HANDLER_ATTRIBUTE.matcher(out).find()).as(out).isFalse();
  }

  @Test
  void linksAreSafeAndMarkedNofollow() {
    String out = html("See [docs](https://example.com/docs), https://example.org and [mail](mailto:ana@example.com).");
    assertThat(out).contains("href=\"https://example.com/docs\"", "href=\"https://example.org\"", "href=\"mailto:ana&#64;example.com\"");
    assertThat(out).containsPattern("rel=\"(nofollow noopener|noopener nofollow)\"");
    assertThat(html("[ftp](ftp://example.com/file)")).doesNotContain("href=").doesNotContain("<a").contains("ftp");
  }

  @Test
  void mentionsOfKnownPeopleBecomeChipsOutsideCode() {
    String out = html("Hi @ana and @Bo, not @stranger, not `@ana` nor ana@example.com");
    assertThat(out).contains("<span class=\"mention\">&#64;ana</span>", "<span class=\"mention\">&#64;bo</span>");
    assertThat(out).doesNotContain("mention\">&#64;stranger").contains("@stranger".replace("@", "&#64;"));
    assertThat(out).contains("<code>&#64;ana</code>");
  }

  @Test
  void mentionedHandlesIgnoreCodeAndEmailAddresses() {
    assertThat(markdown.mentionedHandles("@ana and @Bo.\n\n```\n@cy\n```\n`@dee` mail ed@example.com [@fay](https://x.example)"))
        .containsExactly("ana", "bo");
    assertThat(markdown.mentionedHandles("no mentions here")).isEmpty();
  }

  @Test
  void writtenTimesBecomeTimeElementsOutsideCodeAndLinks() {
    String out = html("Call at <t:2026-12-01T15:00Z>, or <t:2026-12-01T16:30:00+01:00>; not `<t:2026-12-01T15:00Z>` "
        + "nor [<t:2026-12-01T15:00Z>](https://example.test) nor <t:2026-13-01T15:00Z>.");
    assertThat(out).contains("<time datetime=\"2026-12-01T15:00:00Z\" class=\"lh-time\">Tue 1 Dec 2026, 15:00 UTC</time>, or ");
    assertThat(out).contains("<time datetime=\"2026-12-01T15:30:00Z\" class=\"lh-time\">Tue 1 Dec 2026, 15:30 UTC</time>;");
    assertThat(out).contains("<code>&lt;t:2026-12-01T15:00Z&gt;</code>");
    assertThat(out).containsOnlyOnce("&lt;t:2026-13-01T15:00Z&gt;");
    assertThat(out.split("<time ").length - 1).isEqualTo(2);
  }

  @Test
  void aTimeElementCannotBeWrittenByHand() {
    String out = html("<time datetime=\"2026-12-01T15:00:00Z\" class=\"lh-time\">soon</time>");
    assertThat(out).doesNotContain("<time");
  }
}
