package dev.longhand.markdown;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown as Longhand shows it: CommonMark (with tables and autolinks) rendered with raw HTML
 * escaped and unsafe URLs dropped, then cleaned again by an allow-list sanitizer, so nothing a
 * writer types can run script, load content or change the page's style. {@code @handle} becomes a
 * mention chip when it names one of the given people; handles inside code or links are left alone.
 * An image of ours ({@code ![name](/files/12)}, an uploaded file) shows as its thumbnail linking to the
 * whole picture; any other image becomes a link to it, so nothing on a page loads from elsewhere.
 * Thread-safe: parser, renderer and policy are immutable.
 */
public final class Markdown {
  /**
   * The renderer's version: raise it whenever the same text would render differently (a new extension, a changed
   * policy). Posts store their HTML with the version that made it; older ones are rendered again (thread.Rendering).
   * 1: tables, autolinks, mentions, times. 2: task lists. 3: uploaded images as thumbnails, other images as links. 4: task checkboxes named for screen readers.
   */
  public static final int VERSION = 4;

  private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_@.+-])@([A-Za-z0-9]{1,40})(?![A-Za-z0-9_])");
  /** An uploaded file, as Markdown refers to it; only its thumbnail may be an image's source. */
  private static final Pattern FILE = Pattern.compile("/files/([0-9]{1,19})");
  private static final Pattern FILE_THUMBNAIL = Pattern.compile("/files/[0-9]{1,19}/thumbnail");
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create(),
      TaskListItemsExtension.create());

  private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre",
          "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "span")
      .allowUrlProtocols("http", "https", "mailto")
      .allowAttributes("href").matching(Pattern.compile(".+", Pattern.DOTALL)).onElements("a")
      .allowAttributes("title").onElements("a")
      .requireRelsOnLinks("nofollow", "noopener")
      .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
      .allowAttributes("align").matching(true, "left", "center", "right").onElements("th", "td")
      .allowAttributes("class").matching(Pattern.compile("mention")).onElements("span")
      .allowElements("time")
      .allowAttributes("datetime").matching(Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z")).onElements("time")
      .allowAttributes("class").matching(Pattern.compile("lh-time")).onElements("time")
      .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,30}")).onElements("code")
      // task lists: "- [x] done" is a checkbox nobody can tick in place
      .allowElements("input")
      .allowAttributes("type").matching(true, "checkbox").onElements("input")
      .allowAttributes("checked", "disabled").onElements("input")
      .allowAttributes("aria-label").matching(true, "Done", "Not done").onElements("input")
      .allowElements("img")
      .allowAttributes("src").matching(FILE_THUMBNAIL).onElements("img")
      .allowAttributes("alt").onElements("img")
      .allowAttributes("loading").matching(true, "lazy").onElements("img")
      .allowAttributes("class").matching(Pattern.compile("file-image")).onElements("a")
      .toFactory();

  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer renderer = HtmlRenderer.builder()
      .extensions(EXTENSIONS)
      .escapeHtml(true)
      .sanitizeUrls(true)
      .nodeRendererFactory(context -> new MentionRenderer(context.getWriter()))
      .nodeRendererFactory(context -> new TimeMarkerRenderer(context.getWriter()))
      .nodeRendererFactory(context -> new ImageRenderer(context))
      .build();

  /** Safe HTML for a Markdown text; {@code handles} are those that become mentions. */
  public String toHtml(String markdown, Set<String> handles) {
    return Prose.toHtml(markdown).orElseGet(() -> parsed(markdown, handles));
  }

  /** The full path: parsed, rendered and sanitised (prose gives the same without parsing, see {@link Prose}). */
  String parsed(String markdown, Set<String> handles) {
    Node document = parser.parse(markdown);
    if (markdown.contains("<t:")) document.accept(new TimeMarkerFinder());
    if (markdown.indexOf('@') >= 0) document.accept(new MentionFinder(handle -> true, handles));
    return nameTaskBoxes(POLICY.sanitize(renderer.render(document)));
  }

  /**
   * A task's checkbox says what it means to a screen reader (axe: form elements must have labels). The task-list
   * extension offers no attribute hook, so its boxes are named in the sanitised HTML, where they are the only inputs.
   */
  private static String nameTaskBoxes(String html) {
    if (!html.contains("<input")) return html;
    return TASK_BOX.matcher(html).replaceAll(m -> m.group(1) != null
        ? "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\" />"
        : "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />");
  }

  private static final Pattern TASK_BOX = Pattern.compile("<input type=\"checkbox\" disabled=\"\"( checked=\"\")?\\s*/?>");

  /** The handles a text mentions (lower-cased, in order), outside code and links. */
  public Set<String> mentionedHandles(String markdown) {
    Set<String> found = new LinkedHashSet<>();
    if (markdown.indexOf('@') < 0) return found;
    parser.parse(markdown).accept(new MentionFinder(found::add, Set.of()));
    return found;
  }

  /** A mention of a known person: rendered as {@code <span class="mention">@handle</span>}. */
  static final class Mention extends CustomNode {
    final String handle;

    Mention(String handle) {
      this.handle = handle;
    }
  }

  /** Walks text outside links (code spans and blocks hold no Text nodes), collecting or linking handles. */
  private static final class MentionFinder extends AbstractVisitor {
    private final Predicate<String> collect;
    private final Set<String> link;

    MentionFinder(Predicate<String> collect, Set<String> link) {
      this.collect = collect;
      this.link = link;
    }

    @Override
    public void visit(Link l) {
      // Text inside a link stays as written.
    }

    @Override
    public void visit(Image i) {
      // An image's alternative text too.
    }

    @Override
    public void visit(Text text) {
      String literal = text.getLiteral();
      Matcher m = MENTION.matcher(literal);
      int last = 0;
      boolean changed = false;
      while (m.find()) {
        String handle = m.group(1).toLowerCase(Locale.ROOT);
        collect.test(handle);
        if (!link.contains(handle)) continue;
        if (m.start() > last) text.insertBefore(new Text(literal.substring(last, m.start())));
        text.insertBefore(new Mention(handle));
        last = m.end();
        changed = true;
      }
      if (!changed) return;
      if (last < literal.length()) text.insertBefore(new Text(literal.substring(last)));
      text.unlink();
    }
  }

  /**
   * {@code ![name](/files/12)}: the thumbnail, linking to the whole image. Any other image: a link to it with its
   * alternative text, its URL cleaned as links' are (the sanitizer then keeps only safe protocols).
   */
  private record ImageRenderer(HtmlNodeRendererContext context) implements NodeRenderer {
    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Image.class);
    }

    @Override
    public void render(Node node) {
      Image image = (Image) node;
      HtmlWriter html = context.getWriter();
      String alt = altText(image);
      String destination = image.getDestination();
      if (FILE.matcher(destination).matches()) {
        java.util.Map<String, String> link = new java.util.LinkedHashMap<>();
        link.put("href", destination);
        link.put("class", "file-image");
        html.tag("a", link);
        java.util.Map<String, String> img = new java.util.LinkedHashMap<>();
        img.put("src", destination + "/thumbnail");
        img.put("alt", alt);
        img.put("loading", "lazy");
        html.tag("img", img, true);
        html.tag("/a");
        return;
      }
      html.tag("a", java.util.Map.of("href", context.encodeUrl(context.urlSanitizer().sanitizeImageUrl(destination))));
      html.text(alt.isEmpty() ? destination : alt);
      html.tag("/a");
    }

    private static String altText(Node node) {
      StringBuilder sb = new StringBuilder();
      node.accept(new AbstractVisitor() {
        @Override
        public void visit(Text text) {
          sb.append(text.getLiteral());
        }

        @Override
        public void visit(org.commonmark.node.Code code) {
          sb.append(code.getLiteral());
        }

        @Override
        public void visit(org.commonmark.node.SoftLineBreak br) {
          sb.append(' ');
        }
      });
      return sb.toString();
    }
  }

  private record MentionRenderer(HtmlWriter html) implements NodeRenderer {
    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Mention.class);
    }

    @Override
    public void render(Node node) {
      html.tag("span", java.util.Map.of("class", "mention"));
      html.text("@" + ((Mention) node).handle);
      html.tag("/span");
    }
  }
}
