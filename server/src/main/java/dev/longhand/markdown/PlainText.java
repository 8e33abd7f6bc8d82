package dev.longhand.markdown;

import dev.longhand.time.TimeMarkup;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown as a reader sees it once rendered, as plain text: the words without the syntax. Emphasis markers, heading
 * hashes, list bullets, link targets, table pipes and code fences go; the text of links, the alt text of images, the
 * contents of code and the cells of tables stay, one block or table row a line, cells separated by a middle dot.
 * Raw HTML stays as its literal text (the pages show it escaped, so that is what a reader sees), and a written time
 * ({@code <t:2026-12-01T15:00Z>}) reads as {@code 2026-12-01 15:00 UTC}. Thread-safe.
 */
public final class PlainText {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final String CELLS = " · ";
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private PlainText() {}

  /** The plain text of a Markdown text; blank lines between blocks become single line breaks. */
  public static String of(String markdown) {
    if (markdown == null || markdown.isBlank()) return "";
    return Prose.plainText(markdown).orElseGet(() -> parsed(markdown));
  }

  /** The full path: parsed and walked (prose gives the same without parsing, see {@link Prose}). */
  static String parsed(String markdown) {
    Writer w = new Writer();
    PARSER.parse(markdown).accept(w);
    return w.text();
  }

  /** Markdown that reads as exactly this plain text: every ASCII punctuation mark escaped with a backslash. */
  public static String literal(String text) {
    if (text == null) return "";
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 && PUNCTUATION.indexOf(c) >= 0) out.append('\\');
      out.append(c);
    }
    return out.toString();
  }

  private static final class Writer extends AbstractVisitor {
    private final StringBuilder out = new StringBuilder();

    String text() {
      return out.toString().strip();
    }

    private void line() {
      int end = out.length();
      while (end > 0 && out.charAt(end - 1) == ' ') end--;
      out.setLength(end);
      if (end > 0 && out.charAt(end - 1) != '\n') out.append('\n');
    }

    private void space() {
      if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) out.append(' ');
    }

    @Override
    public void visit(Text text) {
      String literal = text.getLiteral();
      if (!literal.contains("<t:")) {
        out.append(literal);
        return;
      }
      int last = 0;
      for (TimeMarkup.Found f : TimeMarkup.find(literal)) {
        out.append(literal, last, f.start()).append(TIME.format(f.instant()));
        last = f.end();
      }
      out.append(literal, last, literal.length());
    }

    @Override
    public void visit(Code code) {
      out.append(code.getLiteral());
    }

    @Override
    public void visit(HtmlInline html) {
      out.append(html.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak b) {
      space();
    }

    @Override
    public void visit(HardLineBreak b) {
      line();
    }

    @Override
    public void visit(Paragraph p) {
      block(p);
    }

    @Override
    public void visit(Heading h) {
      block(h);
    }

    @Override
    public void visit(ListItem item) {
      block(item);
    }

    @Override
    public void visit(BlockQuote quote) {
      block(quote);
    }

    @Override
    public void visit(ThematicBreak b) {
      line();
    }

    @Override
    public void visit(FencedCodeBlock code) {
      literalBlock(code.getLiteral());
    }

    @Override
    public void visit(IndentedCodeBlock code) {
      literalBlock(code.getLiteral());
    }

    @Override
    public void visit(HtmlBlock html) {
      literalBlock(html.getLiteral());
    }

    @Override
    public void visit(CustomBlock block) {
      block(block);
    }

    @Override
    public void visit(CustomNode node) {
      if (node instanceof TableRow) {
        line();
        visitChildren(node);
        line();
      } else if (node instanceof TableCell) {
        int mark = out.length();
        boolean first = out.isEmpty() || out.charAt(out.length() - 1) == '\n';
        if (!first) out.append(CELLS);
        int start = out.length();
        visitChildren(node);
        if (out.length() == start) out.setLength(mark);
      } else {
        visitChildren(node);
      }
    }

    private void block(org.commonmark.node.Node node) {
      line();
      visitChildren(node);
      line();
    }

    private void literalBlock(String literal) {
      line();
      out.append(literal.strip());
      line();
    }
  }
}
