package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Comments on recordings are searchable, under their recording, by whoever may read its space and nobody else. */
@ParameterizedClass
@EnumSource(Db.class)
class RecordingCommentSearchTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  /** A WAV header and noise: enough for the type sniffing, with no need for ffmpeg. */
  final byte[] wav = wav();

  @BeforeEach
  void scene() {
    server = TestServers.get(db);
    team = Team.of(db);
  }

  private static byte[] wav() {
    String head = "RIFF\u0024\u0000\u0000\u0000WAVEfmt ";
    byte[] b = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), 4096);
    for (int i = head.length(); i < b.length; i++) b[i] = (byte) (i * 31);
    return b;
  }

  private String uploaded(String space, String title) {
    var r = Multipart.upload(server.baseUrl() + "/api/v1/spaces/" + space + "/recordings", team.ana.token(), "title", title,
        "call.wav", "audio/wav", wav);
    assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(201);
    return r.text("id");
  }

  private String comment(Team.Person who, String recording, String body) {
    var r = who.api().post("/api/v1/recordings/" + recording + "/comments", Map.of("at", "1:05", "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private JsonNode search(Team.Person who, String q) {
    var r = who.api().get("/api/v1/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aCommentIsFoundUnderItsRecordingByItsWriter() throws InterruptedException {
    String product = team.createSpace(team.ana, "Product", "public");
    String id = uploaded(product, "Sprint review");
    String first = comment(team.bo, id, "The lighthouse scene needs a *retake* <please>.");
    comment(team.cy, id, "Agreed, and the lighthouse audio too.");
    assertThat(server.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();

    JsonNode found = search(team.cy, "lighthouse from:" + team.bo.handle());
    assertThat(found.get("hits")).hasSize(1);
    JsonNode hit = found.get("hits").get(0);
    assertThat(hit.get("kind").asText()).isEqualTo("recording-comment");
    assertThat(hit.get("id").asText()).isEqualTo(first);
    assertThat(hit.get("title").asText()).isEqualTo("Sprint review");
    assertThat(hit.get("author").get("id").asText()).isEqualTo(team.bo.id());
    assertThat(hit.get("url").asText()).isEqualTo("/recordings/" + id + "#comment-" + first);
    assertThat(hit.get("group").asText()).isEqualTo("/recordings/" + id);
    assertThat(hit.get("snippet").asText()).as("plain text stays as written, escaped")
        .isEqualTo("The <mark>lighthouse</mark> scene needs a *retake* &lt;please&gt;.");

    JsonNode both = search(team.ana, "lighthouse is:recording");
    assertThat(both.get("total").asInt()).isEqualTo(1);
    assertThat(both.get("groups").get(0).get("kind").asText()).isEqualTo("recording");
    assertThat(both.get("groups").get(0).get("title").asText()).isEqualTo("Sprint review");
    assertThat(both.get("groups").get(0).get("matches").asInt()).isEqualTo(2);
    assertThat(search(team.ana, "lighthouse is:comment").get("hits")).hasSize(2);
    assertThat(search(team.ana, "lighthouse is:thread").get("hits")).isEmpty();
    assertThat(search(team.eve, "lighthouse").get("hits")).isEmpty();

    assertThat(team.ana.api().delete("/api/v1/recordings/" + id).status()).isEqualTo(204);
    assertThat(server.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
    assertThat(search(team.ana, "lighthouse").get("hits")).as("deleting the recording takes its comments").isEmpty();
  }

  @Test
  void aCommentInAPrivateSpaceIsFoundOnlyByItsMembers() throws InterruptedException {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String id = uploaded(vault, "Board call");
    comment(team.ana, id, "The zeppelin budget is final.");
    assertThat(server.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();

    assertThat(search(team.ana, "zeppelin").get("hits")).hasSize(1);
    for (Team.Person outsider : List.of(team.bo, team.cy, team.gil, team.eve)) {
      assertThat(search(outsider, "zeppelin").get("hits")).as(outsider.name()).isEmpty();
      assertThat(search(outsider, "zepelin").get("similarWords").asBoolean()).as(outsider.name()).isFalse();
    }
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    assertThat(search(team.bo, "zeppelin").get("hits")).hasSize(1);
  }
}
