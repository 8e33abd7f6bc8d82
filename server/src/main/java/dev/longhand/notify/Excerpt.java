package dev.longhand.notify;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * A short plain-text excerpt of something written in Markdown, for digests and their email: no markup (not
 * {@code **pricing page**}, no table pipes: a table's cells read "Plan · Seats; Team · 50"), written times as their
 * instant, white space made single, cut at a word near {@code max} characters with an ellipsis.
 */
public final class Excerpt {
  private static final List<Extension> EXTENSIONS = List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
  /** How long an excerpt is, about: two or three lines of an email. */
  public static final int LENGTH = 220;

  private Excerpt() {}

  public static String of(String markdown) {
    return of(markdown, LENGTH);
  }

  public static String of(String markdown, int max) {
    if (markdown == null || markdown.isBlank()) return "";
    Node doc = PARSER.parse(markdown.replaceAll("<t:([0-9T:.+\\-Z]+)>", "$1"));
    List<TableBlock> tables = new ArrayList<>();
    doc.accept(new AbstractVisitor() {
      @Override
      public void visit(CustomBlock block) {
        if (block instanceof TableBlock t) tables.add(t);
        else visitChildren(block);
      }
    });
    for (TableBlock t : tables) {
      Paragraph flat = new Paragraph();
      flat.appendChild(new Text(tableText(t)));
      t.insertAfter(flat);
      t.unlink();
    }
    String text = TEXT.render(doc).replaceAll("\\s+", " ").strip();
    if (text.length() <= max) return text;
    int cut = text.lastIndexOf(' ', max - 1);
    if (cut < max / 2) cut = max - 1;
    return text.substring(0, cut).replaceAll("[\\s,;:.\\-–—·]+$", "") + "…";
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
