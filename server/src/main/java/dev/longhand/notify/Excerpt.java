package dev.longhand.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * A short plain-text excerpt of something written in Markdown, for digests and their email: no markup (not
 * {@code **pricing page**}, no table pipes: a table's cells read "Plan · Seats; Team · 50"), written times as their
 * instant, white space made single, cut at a word near {@code max} characters with an ellipsis.
 *
 * <p>Links and images stay links: each is a {@link Part} with its words (an image's alt text) and where it points, a
 * page of this site ({@code /files/12}, {@code /threads/3}) or an http(s) or mailto address; anything else is words
 * only. An image is a link to its file: a mail client cannot fetch it with the reader's session. Whoever writes the
 * excerpt out ({@link DigestMail}) makes the site's paths absolute with the server's public address.
 */
public record Excerpt(List<Part> parts) {
  private static final List<Extension> EXTENSIONS = List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
  /** How long an excerpt is, about: two or three lines of an email. */
  public static final int LENGTH = 220;
  public static final Excerpt EMPTY = new Excerpt(List.of());
  /** Where a link stands in the rendered text until the parts are split out: private-use marks around its number. */
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';
  private static final Pattern MARK = Pattern.compile(OPEN + "(\\d+)" + CLOSE);
  private static final Pattern SAFE = Pattern.compile("(?i)^(https?://|mailto:)[^\\s]+$|^/(?!/)[^\\s]*$");

  /** Words, or a link: {@code href} is empty for plain words, a site path or an absolute address otherwise. */
  public record Part(String text, String href) {
    public boolean isLink() {
      return !href.isEmpty();
    }
  }

  public Excerpt {
    parts = List.copyOf(parts);
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /** The words alone, as a page or a subject line shows them. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) out.append(p.text());
    return out.toString();
  }

  @Override
  public String toString() {
    return text();
  }

  public static Excerpt of(String markdown) {
    return of(markdown, LENGTH);
  }

  /**
   * Excerpts made lately, by text and length: a morning's digests show the same new threads to thousands of people,
   * and parsing their Markdown again for each was a tenth of a digest's time. An excerpt depends on nothing else. At
   * most 500 of texts up to 10,000 characters (5 MB at worst); longer ones are made each time.
   */
  private static final Map<Key, Excerpt> RECENT = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Excerpt> eldest) {
      return size() > 500;
    }
  });

  private record Key(String markdown, int max) {}

  public static Excerpt of(String markdown, int max) {
    if (markdown == null || markdown.isBlank()) return EMPTY;
    if (markdown.length() > 10_000) return made(markdown, max);
    Key key = new Key(markdown, max);
    Excerpt known = RECENT.get(key);
    if (known != null) return known;
    Excerpt made = made(markdown, max);
    RECENT.put(key, made);
    return made;
  }

  private static Excerpt made(String markdown, int max) {
    String source = markdown.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
    Node doc = PARSER.parse(source.replaceAll("<t:([0-9T:.+\\-Z]+)>", "$1"));
    List<TableBlock> tables = new ArrayList<>();
    List<Node> links = new ArrayList<>();
    doc.accept(new AbstractVisitor() {
      @Override
      public void visit(CustomBlock block) {
        if (block instanceof TableBlock t) tables.add(t);
        else visitChildren(block);
      }

      @Override
      public void visit(Link link) {
        links.add(link);
      }

      @Override
      public void visit(Image image) {
        links.add(image);
      }
    });
    for (TableBlock t : tables) {
      Paragraph flat = new Paragraph();
      flat.appendChild(new Text(tableText(t)));
      t.insertAfter(flat);
      t.unlink();
    }
    List<Part> found = new ArrayList<>();
    for (Node link : links) {
      String dest = link instanceof Link l ? l.getDestination() : ((Image) link).getDestination();
      String words = literal(link).replaceAll("\\s+", " ").strip();
      boolean safe = dest != null && SAFE.matcher(dest).matches();
      if (words.isEmpty()) words = link instanceof Image ? "image" : safe ? dest : "";
      if (words.isEmpty()) {
        link.unlink();
        continue;
      }
      link.insertAfter(new Text(OPEN + String.valueOf(found.size()) + CLOSE));
      link.unlink();
      found.add(new Part(words, safe ? dest : ""));
    }
    String text = TEXT.render(doc).replaceAll("\\s+", " ").strip();
    return new Excerpt(cut(split(text, found), max));
  }

  /** The rendered text with its link marks replaced by the links, neighbouring words joined. */
  private static List<Part> split(String text, List<Part> links) {
    List<Part> parts = new ArrayList<>();
    Matcher m = MARK.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) add(parts, new Part(text.substring(at, m.start()), ""));
      add(parts, links.get(Integer.parseInt(m.group(1))));
      at = m.end();
    }
    if (at < text.length()) add(parts, new Part(text.substring(at), ""));
    return parts;
  }

  private static void add(List<Part> parts, Part p) {
    if (p.text().isEmpty()) return;
    if (!p.isLink() && !parts.isEmpty() && !parts.getLast().isLink()) {
      parts.set(parts.size() - 1, new Part(parts.getLast().text() + p.text(), ""));
    } else {
      parts.add(p);
    }
  }

  /** At most about {@code max} characters of words: cut at a word with an ellipsis; a link is kept whole or left out. */
  private static List<Part> cut(List<Part> parts, int max) {
    int length = 0;
    for (Part p : parts) length += p.text().length();
    if (length <= max) return parts;
    List<Part> kept = new ArrayList<>();
    int used = 0;
    for (Part p : parts) {
      int room = max - 1 - used;
      if (p.text().length() <= room) {
        kept.add(p);
        used += p.text().length();
        continue;
      }
      if (!p.isLink()) {
        String t = p.text();
        int cut = t.lastIndexOf(' ', room);
        if (used + cut < max / 2) cut = room; // a long word: cut inside it rather than lose half the excerpt
        if (cut > 0) kept.add(new Part(t.substring(0, cut), ""));
      }
      break;
    }
    while (!kept.isEmpty() && !kept.getLast().isLink() && kept.getLast().text().matches("[\\s,;:.\\-–—·]*")) kept.removeLast();
    if (!kept.isEmpty() && !kept.getLast().isLink()) {
      Part last = kept.removeLast();
      kept.add(new Part(last.text().replaceAll("[\\s,;:.\\-–—·]+$", "") + "…", ""));
    } else {
      kept.add(new Part("…", ""));
    }
    return kept;
  }

  /** The text of a node's descendants (text and code spans), for table cells, which the text renderer does not know. */
  private static String literal(Node node) {
    StringBuilder out = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        out.append(text.getLiteral());
      }

      @Override
      public void visit(org.commonmark.node.Code code) {
        out.append(code.getLiteral());
      }

      @Override
      public void visit(CustomBlock block) {
        visitChildren(block);
      }

      @Override
      public void visit(org.commonmark.node.CustomNode custom) {
        visitChildren(custom);
      }
    });
    return out.toString();
  }

  /** A table's rows as "a · b", joined by "; ". */
  private static String tableText(TableBlock table) {
    List<String> rows = new ArrayList<>();
    table.accept(new AbstractVisitor() {
      @Override
      public void visit(CustomBlock block) {
        visitChildren(block);
      }

      @Override
      public void visitChildren(Node parent) {
        if (parent instanceof TableRow row) {
          List<String> cells = new ArrayList<>();
          for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof TableCell) cells.add(literal(c).strip());
          }
          rows.add(String.join(" · ", cells));
          return;
        }
        super.visitChildren(parent);
      }
    });
    return String.join("; ", rows);
  }
}
