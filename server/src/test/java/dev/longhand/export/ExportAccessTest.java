package dev.longhand.export;

import static dev.longhand.export.ExportScene.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.store.Database;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may export (owners and admins: members and guests 403, outsiders 404, and an export itself is 404 to anyone but
 * its workspace's owners and admins), and archives an import refuses before it writes anything: one whose entry was
 * changed (named in the refusal), one cut short, one that is no export at all.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ExportAccessTest {
  @Parameter Db db;
  Longhand server;
  Team team;

  @BeforeEach
  void scene() {
    server = TestServers.get(db);
    team = Team.of(db);
    String product = team.createSpace(team.ana, "Product", "public");
    team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Roadmap", "body", "What comes next."));
  }

  @Test
  void onlyOwnersAndAdminsExportAndEveryoneElseCannotEvenSeeAnExport() throws Exception {
    Team.Person dee = team.extraMember("Dee", "admin");
    String exports = "/api/v1/workspaces/" + team.workspaceId + "/exports";
    for (Team.Person refused : new Team.Person[] {team.bo, team.gil}) {
      var r = refused.api().post(exports, Map.of());
      assertThat(r.status()).as(refused.name()).isEqualTo(403);
      assertThat(r.text("detail")).isEqualTo("Only the workspace's owner and admins export it.");
      assertThat(refused.api().get(exports).status()).isEqualTo(403);
    }
    assertThat(team.eve.api().post(exports, Map.of()).status()).isEqualTo(404);
    assertThat(team.eve.api().get(exports).status()).isEqualTo(404);

    JsonNode done = ExportScene.exportNow(dee, team.workspaceId);
    assertThat(done.path("status").asText()).isEqualTo("done");
    assertThat(done.path("requestedBy").asText()).isEqualTo(dee.id());
    String id = done.path("id").asText();
    assertThat(ok(team.ana.api().get(exports), 200).json().path("exports").findValuesAsText("id")).contains(id);
    assertThat(ok(team.ana.api().get("/api/v1/exports/" + id), 200).text("archive")).isEqualTo("/api/v1/exports/" + id + "/archive");
    for (Team.Person other : new Team.Person[] {team.bo, team.gil, team.eve}) {
      assertThat(other.api().get("/api/v1/exports/" + id).status()).as(other.name()).isEqualTo(404);
      assertThat(Multipart.get(server.baseUrl() + "/api/v1/exports/" + id + "/archive", other.token()).status()).as(other.name())
          .isEqualTo(404);
    }
    assertThat(team.ana.api().get("/api/v1/exports/123456789").status()).isEqualTo(404);
    assertThat(team.ana.api().get("/api/v1/exports/not-an-id").status()).isEqualTo(404);
    assertThat(team.anonymous.get("/api/v1/exports/" + id).status()).isEqualTo(401);
  }

  @Test
  void aChangedACutOrAForeignArchiveIsRefusedNamingTheEntryAndWritesNothing() throws Exception {
    Path archive = ExportScene.download(server.baseUrl(), team.ana, ExportScene.exportNow(team.ana, team.workspaceId));
    Config target = ExportRoundTripTest.freshConfig(db);
    try {
      // a reply's text changed, the manifest left as it was
      Path changed = rewritten(archive, "threads.jsonl", s -> s.replace("What comes next.", "What comes later."));
      assertThatThrownBy(() -> ImportCommand.run(target, changed, quiet())).isInstanceOf(ArchiveCheck.Refused.class)
          .hasMessageContaining("threads.jsonl").hasMessageContaining("SHA-256");
      // an entry the manifest lists is missing
      Path lacking = rewritten(archive, "asks.jsonl", null);
      assertThatThrownBy(() -> ImportCommand.run(target, lacking, quiet())).isInstanceOf(ArchiveCheck.Refused.class)
          .hasMessageContaining("asks.jsonl");
      // cut short: the manifest, last, is gone with the end
      byte[] whole = Files.readAllBytes(archive);
      Path cut = Files.createTempFile("cut", ".zip");
      Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
      assertThatThrownBy(() -> ImportCommand.run(target, cut, quiet())).isInstanceOf(ArchiveCheck.Refused.class)
          .hasMessageContaining("cut short");
      // no export at all
      Path foreign = Files.createTempFile("foreign", ".zip");
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(foreign))) {
        z.putNextEntry(new ZipEntry("manifest.json"));
        z.write("{\"format\":\"something-else\",\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
      }
      assertThatThrownBy(() -> ImportCommand.run(target, foreign, quiet())).isInstanceOf(ArchiveCheck.Refused.class)
          .hasMessageContaining("not a Longhand workspace export");

      try (Database d = Databases.open(target.jdbcUrl())) {
        assertThat(count(d, "workspaces")).isZero();
        assertThat(count(d, "accounts")).isZero();
        assertThat(count(d, "threads")).isZero();
      }
      try (var files = Files.list(target.dataDir())) {
        assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("files", "recordings");
      }
      // the archive as it came imports
      assertThat(ImportCommand.run(target, archive, quiet()).alreadyImported()).isFalse();
    } finally {
      target.databaseUrl().ifPresent(Databases::drop);
    }
  }

  private static long count(Database d, String table) {
    return d.read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true);
  }

  /** A copy of the archive with one entry's text changed ({@code change} null: the entry left out). */
  private static Path rewritten(Path archive, String entry, java.util.function.UnaryOperator<String> change) throws IOException {
    Path out = Files.createTempFile("changed", ".zip");
    try (ZipFile in = new ZipFile(archive.toFile()); OutputStream file = Files.newOutputStream(out);
         ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry z = e.nextElement();
        if (z.getName().equals(entry) && change == null) continue;
        byte[] bytes;
        try (InputStream s = in.getInputStream(z)) {
          bytes = s.readAllBytes();
        }
        if (z.getName().equals(entry)) bytes = change.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(z.getName()));
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    return out;
  }
}
