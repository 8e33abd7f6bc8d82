package dev.longhand.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.store.OutboxConsumer;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/EVENTS.md} lists every kind of domain event with its version, fields and consumers, as the code has
 * them: the kinds from {@link DomainEvent}'s permitted records, the consumers from what each one registered with the
 * running server's dispatcher {@link OutboxConsumer#consumes() consumes}. A kind nobody consumes must say so.
 * When it fails, the message shows the rows as they should read (keep or write the last column, what happened).
 */
class EventCatalogTest {
  static final Path CATALOG = Path.of("..", "docs", "EVENTS.md");
  static final String PUBLIC_ONLY = "public only: for webhooks/export";
  /** The webhook consumer, left out of the rows (it would be in nearly all of them); see EVENTS.md, "Webhooks". */
  static final String WEBHOOKS = "webhooks";

  @Test
  void everyKindHasItsEntryWithItsConsumers() throws IOException {
    Map<String, String> documented = documentedRows(Files.readAllLines(CATALOG));
    List<String> wrong = new ArrayList<>();
    Map<String, String> expected = expectedRows();
    expected.forEach((kind, row) -> {
      String found = documented.get(kind);
      if (found == null || !found.startsWith(row) || found.substring(row.length()).replace("|", "").isBlank()) {
        wrong.add(row + " <what happened> |" + (found == null ? "   (missing)" : "   (documented: " + found + ")"));
      }
    });
    documented.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> wrong.add("no such kind: " + k));
    assertThat(wrong).as("rows of " + CATALOG + " that differ from the code").isEmpty();
  }

  /** Each kind's row up to (not including) its description: {@code | `Kind` | v | fields | consumers |}. */
  static Map<String, String> expectedRows() {
    Map<String, TreeSet<String>> consumers = new LinkedHashMap<>();
    for (OutboxConsumer c : TestServers.get(Db.SQLITE).dispatcher().consumers()) {
      if (c.name().equals(WEBHOOKS)) continue; // hears every kind offered to webhooks: EVENTS.md's "Webhooks" says which
      for (Class<? extends DomainEvent> kind : c.consumes()) consumers.computeIfAbsent(DomainEvent.kind(kind), k -> new TreeSet<>()).add(c.name());
    }
    Map<String, String> rows = new LinkedHashMap<>();
    for (EventCodec.Kind k : EventCodec.all()) {
      String fields = k.fields().stream().map(f -> f.name() + (f.required() ? "" : "?") + ": " + f.type())
          .collect(Collectors.joining(", "));
      TreeSet<String> by = consumers.get(k.name());
      rows.put(k.name(), "| `" + k.name() + "` | " + k.version() + " | " + fields + " | "
          + (by == null ? PUBLIC_ONLY : String.join(", ", by)) + " |");
    }
    return rows;
  }

  private static Map<String, String> documentedRows(List<String> lines) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("| `")) continue;
      rows.put(line.substring(3, line.indexOf('`', 3)), line);
    }
    return rows;
  }
}
