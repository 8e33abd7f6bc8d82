package dev.longhand.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.StorageUrl;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.S3Server;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code import-slack} beside a server whose files are in a bucket (a real S3 server, s3proxy): the export's image and
 * its thumbnail land in the bucket, not on disk, and the server serves them from there.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SlackBucketTest {
  @Parameter Db db;

  @Test
  void anImportedFileLandsInTheBucket(@TempDir Path tmp) throws Exception {
    S3Server s3 = S3Server.get();
    StorageUrl bucket = s3.newBucket("slack");
    Config config = TestServers.config(db).withStorageUrl(bucket);
    try {
      Team team;
      String name;
      Path zip;
      Longhand first = Longhand.start(config, Clock.systemUTC());
      try {
        team = Team.on(first);
        String tag = team.ana.email().substring("ana-".length(), team.ana.email().indexOf('@'));
        name = "Imported " + tag;
        zip = SlackFixture.write(tmp, team.ana.email(), team.bo.email(), tag);
      } finally {
        first.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
        first.close();
      }

      SlackSummary summary = SlackImport.run(config, new SlackImport.Options(name, team.ana.email(), zip), Clock.systemUTC(), null);
      assertThat(summary.files()).isEqualTo(1);
      List<String> objects = s3.list(bucket.bucket());
      assertThat(objects).as("the image and its thumbnail").hasSize(2).allSatisfy(o -> assertThat(o).startsWith("slack/files/"));
      try (Stream<Path> all = Files.walk(config.dataDir())) {
        assertThat(all.filter(Files::isRegularFile).map(p -> config.dataDir().relativize(p).toString())
            .filter(p -> p.startsWith("files") || p.startsWith("recordings")).toList()).as("files on local disk").isEmpty();
      }

      Longhand second = Longhand.start(config, Clock.systemUTC());
      try {
        Api bo = new Api(second.baseUrl(), team.bo.token());
        String ws = null;
        for (JsonNode w : bo.get("/api/v1/workspaces").json().path("workspaces")) if (w.path("name").asText().equals(name)) ws = w.path("id").asText();
        String general = null;
        for (JsonNode s : bo.get("/api/v1/workspaces/" + ws + "/spaces").json().path("spaces")) if (s.path("name").asText().equals("general")) general = s.path("id").asText();
        String day = null;
        for (JsonNode t : bo.get("/api/v1/spaces/" + general + "/threads").json().path("threads")) {
          if (t.path("title").asText().equals("#general on Saturday 31 January 2026")) day = t.path("id").asText();
        }
        String body = bo.get("/api/v1/threads/" + day).json().path("replies").get(1).path("body").asText();
        Matcher file = Pattern.compile("/files/([0-9]+)\\)").matcher(body);
        assertThat(file.find()).as(body).isTrue();
        String key = objects.stream().filter(o -> o.startsWith("slack/files/" + file.group(1) + "-") && !o.endsWith(".thumb")).findFirst().orElseThrow();
        var stored = dev.longhand.testkit.Multipart.get(second.baseUrl() + "/api/v1/files/" + file.group(1), team.bo.token());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.bytes()).isEqualTo(s3.object(bucket.bucket(), key).orElseThrow());
        var thumb = dev.longhand.testkit.Multipart.get(second.baseUrl() + "/api/v1/files/" + file.group(1) + "/thumbnail", team.bo.token());
        assertThat(thumb.bytes()).isEqualTo(s3.object(bucket.bucket(), key + ".thumb").orElseThrow());
      } finally {
        second.close();
      }
    } finally {
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }
}
