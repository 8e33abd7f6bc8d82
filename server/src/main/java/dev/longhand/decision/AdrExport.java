package dev.longhand.decision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Decisions as Markdown Architecture Decision Records, the way adr-tools writes them ({@code 0001-kebab-title.md};
 * {@code # 1. Title}, {@code Date:}, {@code ## Status} with "Supersedes"/"Superseded by" links, {@code ## Context},
 * {@code ## Decision}, {@code ## Consequences}), plus log4brains' "Considered Options" and "Pros and Cons of the
 * Options". Numbers are the decisions' numbers in their workspace, so links stay right in any export; a link to a
 * decision that is not in the export (one the reader may not read) is left out.
 */
final class AdrExport {
  private AdrExport() {}

  static byte[] zip(List<Decision.Row> rows, ZoneId zone) {
    Map<Long, Decision> byId = new HashMap<>();
    rows.forEach(r -> byId.put(r.decision().id(), r.decision()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (Decision.Row r : rows) {
        ZipEntry entry = new ZipEntry(fileName(r.decision()));
        entry.setTime(r.decision().updatedAt());
        zip.putNextEntry(entry);
        zip.write(markdown(r, byId, zone).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String fileName(Decision d) {
    return String.format(Locale.ROOT, "%04d-%s.md", d.number(), kebab(d.title()));
  }

  static String kebab(String title) {
    String plain = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    String k = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (k.length() > 60) k = k.substring(0, 60).replaceAll("-+$", "");
    return k.isEmpty() ? "decision" : k;
  }

  static String markdown(Decision.Row row, Map<Long, Decision> exported, ZoneId zone) {
    Decision d = row.decision();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(d.number()).append(". ").append(oneLine(d.title())).append("\n\n");
    md.append("Date: ").append(Instant.ofEpochMilli(d.createdAt()).atZone(zone).toLocalDate()).append("\n\n");
    md.append("## Status\n\n").append(d.status().label()).append("\n");
    d.supersedesId().map(exported::get).ifPresent(o -> md.append("\nSupersedes ").append(link(o)).append("\n"));
    d.supersededById().map(exported::get).ifPresent(n -> md.append("\nSuperseded by ").append(link(n)).append("\n"));
    md.append("\n- Owner: ").append(row.owner().name()).append("\n");
    md.append("- Space: ").append(row.spaceName()).append("\n");
    d.revisitBy().ifPresent(r -> md.append("- Revisit by: ").append(r).append("\n"));
    md.append("\n## Context\n\n").append(orNone(d.context())).append("\n");
    if (!d.options().isEmpty()) {
      md.append("\n## Considered Options\n\n");
      d.options().forEach(o -> md.append("- ").append(oneLine(o.title())).append("\n"));
    }
    md.append("\n## Decision\n\n").append(d.decision()).append("\n");
    if (!d.rationale().isBlank()) md.append("\n### Rationale\n\n").append(d.rationale()).append("\n");
    md.append("\n## Consequences\n\n").append(orNone(d.consequences())).append("\n");
    if (d.options().stream().anyMatch(o -> !o.pros().isEmpty() || !o.cons().isEmpty())) {
      md.append("\n## Pros and Cons of the Options\n");
      for (Decision.Option o : d.options()) {
        md.append("\n### ").append(oneLine(o.title())).append("\n\n");
        o.pros().forEach(p -> md.append("- Good, because ").append(oneLine(p)).append("\n"));
        o.cons().forEach(c -> md.append("- Bad, because ").append(oneLine(c)).append("\n"));
        if (o.pros().isEmpty() && o.cons().isEmpty()) md.append("No pros or cons recorded.\n");
      }
    }
    return md.toString();
  }

  /** Options as plain text, for the history of a change. */
  static String optionsText(List<Decision.Option> options) {
    StringBuilder s = new StringBuilder();
    for (Decision.Option o : options) {
      s.append(o.title()).append("\n");
      o.pros().forEach(p -> s.append("  + ").append(p).append("\n"));
      o.cons().forEach(c -> s.append("  - ").append(c).append("\n"));
    }
    return s.toString().strip();
  }

  private static String link(Decision d) {
    return "[" + d.number() + ". " + oneLine(d.title()) + "](" + fileName(d) + ")";
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static String orNone(String s) {
    return s.isBlank() ? "None recorded." : s;
  }
}
