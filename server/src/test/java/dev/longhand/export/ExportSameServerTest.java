package dev.longhand.export;

import static dev.longhand.export.ExportScene.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An archive imported into the very server it came from becomes a second workspace beside the first: everyone is
 * matched by email, nothing clashes (new ids), the copy's links point into the copy, and the original is untouched.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ExportSameServerTest {
  @Parameter Db db;

  @Test
  void importingIntoTheServerItCameFromMakesASecondWorkspace() throws Exception {
    Config config = ExportRoundTripTest.freshConfig(db);
    try {
      Team team;
      Path archive;
      String original;
      String originalThread;
      try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
        team = Team.on(server);
        String product = team.createSpace(team.ana, "Product", "public");
        var up = Multipart.upload(server.baseUrl() + "/api/v1/spaces/" + product + "/files", team.ana.token(), "name", null, "notes.txt",
            "text/plain", "Tier A, tier B".getBytes());
        originalThread = ok(team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Pricing",
            "body", "See " + up.text("markdown"))), 201).text("id");
        ok(team.bo.api().post("/api/v1/threads/" + originalThread + "/replies", Map.of("body", "Agreed.")), 201);
        original = team.workspaceId;
        archive = ExportScene.download(server.baseUrl(), team.ana, ExportScene.exportNow(team.ana, original));
      }

      WorkspaceImporter.Result r = ImportCommand.run(config, archive, new PrintStream(new ByteArrayOutputStream(), true));
      assertThat(r.joined()).isEqualTo(4);
      assertThat(r.created()).isZero();

      try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
        Api ana = new Api(server.baseUrl(), team.ana.token());
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode w : ok(ana.get("/api/v1/workspaces"), 200).json().path("workspaces")) {
          names.add(w.path("name").asText());
          ids.add(w.path("id").asText());
        }
        assertThat(ids).containsExactlyInAnyOrder(original, String.valueOf(r.workspaceId()));
        assertThat(names.get(0)).isEqualTo(names.get(1));

        JsonNode copy = ExportRoundTripTest.threadTitled(ana, String.valueOf(r.workspaceId()), "Pricing");
        assertThat(copy.path("id").asText()).isNotEqualTo(originalThread);
        String copiedFile = copy.path("body").asText().replaceAll("(?s).*\\(/files/([0-9]+)\\).*", "$1");
        JsonNode first = ok(ana.get("/api/v1/threads/" + originalThread), 200).json();
        String firstFile = first.path("body").asText().replaceAll("(?s).*\\(/files/([0-9]+)\\).*", "$1");
        assertThat(copiedFile).isNotEqualTo(firstFile);
        assertThat(Multipart.get(server.baseUrl() + "/api/v1/files/" + copiedFile, team.ana.token()).bytes())
            .isEqualTo("Tier A, tier B".getBytes());
        assertThat(ok(ana.get("/api/v1/threads/" + copy.path("id").asText() + "/replies"), 200).json().path("replies")
            .findValuesAsText("body")).containsExactly("Agreed.");
        assertThat(ok(ana.get("/api/v1/threads/" + originalThread + "/replies"), 200).json().path("replies").size()).isEqualTo(1);
        // Bo, a member of both, reads the copy with his own token: he joined with his role
        assertThat(new Api(server.baseUrl(), team.bo.token()).get("/api/v1/threads/" + copy.path("id").asText()).status()).isEqualTo(200);
        assertThat(new Api(server.baseUrl(), team.eve.token()).get("/api/v1/threads/" + copy.path("id").asText()).status()).isEqualTo(404);
      }
    } finally {
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }
}
