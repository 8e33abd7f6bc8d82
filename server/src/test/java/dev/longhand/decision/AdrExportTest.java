package dev.longhand.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The ADR export, round trip: decisions in, a zip of adr-tools style Markdown files out, and only what the reader may read. */
@ParameterizedClass
@EnumSource(Db.class)
class AdrExportTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  @Test
  void theExportHasOneNumberedFilePerDecisionWithStatusLinksAndSections() throws Exception {
    String product = team.createSpace(team.ana, "Product", "public");
    String vault = team.createSpace(team.ana, "Vault", "private");
    String mysql = record(product, DecisionApiTest.decision("Use MySQL"));
    record(vault, DecisionApiTest.decision("Secret merger"));
    record(product, DecisionApiTest.decision("Use PostgreSQL, not MySQL!", "supersedes", mysql, "consequences", "We run one more server."));

    Map<String, String> ana = unzip(team.ana.token());
    assertThat(ana.keySet()).containsExactly("0001-use-mysql.md", "0002-secret-merger.md", "0003-use-postgresql-not-mysql.md");
    String first = ana.get("0001-use-mysql.md");
    assertThat(first).startsWith("# 1. Use MySQL\n\nDate: ");
    assertThat(first).contains("## Status\n\nSuperseded\n\nSuperseded by [3. Use PostgreSQL, not MySQL!](0003-use-postgresql-not-mysql.md)\n");
    String third = ana.get("0003-use-postgresql-not-mysql.md");
    assertThat(third).contains("## Status\n\nAccepted\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)\n");
    assertThat(third).contains("## Context\n\nReports are slow.\n");
    assertThat(third).contains("## Considered Options\n\n- PostgreSQL\n- Spreadsheets\n");
    assertThat(third).contains("## Decision\n\nUse PostgreSQL for reporting.\n\n### Rationale\n\nThe team knows it.\n");
    assertThat(third).contains("## Consequences\n\nWe run one more server.\n");
    assertThat(third).contains("### PostgreSQL\n\n- Good, because Familiar\n- Good, because Fast joins\n- Bad, because One more server\n");
    assertThat(third).containsSubsequence("# 3.", "Date:", "## Status", "## Context", "## Decision", "## Consequences");

    Map<String, String> cy = unzip(team.cy.token());
    assertThat(cy.keySet()).as("Cy cannot read the vault").containsExactly("0001-use-mysql.md", "0003-use-postgresql-not-mysql.md");
    assertThat(String.join("", cy.values())).doesNotContain("Secret merger");
    assertThat(unzip(team.gil.token())).isEmpty();
  }

  private String record(String space, Map<String, Object> body) {
    var r = team.ana.api().post("/api/v1/spaces/" + space + "/decisions", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private Map<String, String> unzip(String token) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(team.anonymous.base() + "/api/v1/workspaces/" + team.workspaceId + "/decisions/export"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    Map<String, String> files = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()), StandardCharsets.UTF_8)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void titlesBecomeKebabFileNames() {
    assertThat(AdrExport.kebab("Émigré café: über-fast  DB?")).isEqualTo("emigre-cafe-uber-fast-db");
    assertThat(AdrExport.kebab("!!!")).isEqualTo("decision");
    assertThat(List.of(AdrExport.kebab("x".repeat(100)).length())).containsExactly(60);
  }
}
