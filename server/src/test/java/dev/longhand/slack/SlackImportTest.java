package dev.longhand.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.Main;
import dev.longhand.config.Config;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code import-slack} end to end: a Slack export imported with the server stopped, then read through the API of the
 * restarted server (spaces and their privacy, threads in Slack's order, mentions, reactions, files, people, search,
 * and that nobody was notified), then imported again, which writes nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SlackImportTest {
  @Parameter Db db;

  @Test
  void anExportBecomesSpacesThreadsAndPeopleOnceAndASecondRunImportsNothing(@TempDir Path tmp) throws Exception {
    Config config = TestServers.config(db);
    try {
      Longhand first = Longhand.start(config, Clock.systemUTC());
      Team team;
      Path zip;
      String name;
      try {
        team = Team.on(first);
        String tag = team.ana.email().substring("ana-".length(), team.ana.email().indexOf('@'));
        name = "Imported " + tag;
        zip = SlackFixture.write(tmp, team.ana.email(), team.bo.email(), tag);
        Path z = zip;
        assertThatThrownBy(() -> SlackImport.run(config, new SlackImport.Options(name, team.ana.email(), z), Clock.systemUTC(), null))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("is the server running");
      } finally {
        first.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
        first.close();
      }
      refusalsWriteNothing(config, zip, name, tmp);

      ByteArrayOutputStream bar = new ByteArrayOutputStream();
      SlackSummary once = SlackImport.run(config, new SlackImport.Options(name, team.ana.email(), zip), Clock.systemUTC(),
          new PrintStream(bar, true, StandardCharsets.UTF_8));
      assertThat(bar.toString(StandardCharsets.UTF_8)).contains("Importing");
      assertThat(once.spaces()).isEqualTo(3);
      assertThat(once.threads()).isEqualTo(4);
      assertThat(once.replies()).isEqualTo(7);
      assertThat(once.people()).as("Dana and Erin are new; Ana and Bo had accounts").isEqualTo(2);
      assertThat(once.files()).isEqualTo(1);
      assertThat(once.reactions()).isEqualTo(2);
      assertThat(once.mentions()).as("Bo in the launch plan, Dana in Erin's reply").isEqualTo(2);
      assertThat(once.messagesSeen()).isEqualTo(13);
      assertThat(once.skipped()).containsEntry("unknown message subtype: huddle_thread", 1)
          .containsEntry("channel events: channel_join", 1)
          .containsEntry("files without their bytes in the export", 1)
          .containsEntry("reactions with no Longhand emoji: :rocket:", 1)
          .containsEntry("conversations not imported: direct messages (dms.json)", 1);
      assertThat(once.text()).contains("unknown message subtype: huddle_thread: 1").contains("spec.pdf (#general, 2026-01-31)");

      Counts before = readBack(config, team, name);

      SlackSummary twice = SlackImport.run(config, new SlackImport.Options(name, team.ana.email(), zip), Clock.systemUTC(), null);
      assertThat(twice.nothingNew()).isTrue();
      assertThat(twice.messages()).isZero();
      assertThat(twice.again()).containsEntry("messages", 11).containsEntry("spaces", 3).containsEntry("people", 6);
      assertThat(twice.text()).startsWith("Nothing new imported");

      // the command line, as an operator runs it: registered in Main, refusing an unknown owner, a third run importing nothing
      List<String> common = new ArrayList<>(List.of("--data-dir", config.dataDir().toString(), "--quiet"));
      config.databaseUrl().ifPresent(url -> common.addAll(List.of("--database-url", url)));
      assertThat(cli(common, "--workspace", name, "--owner", "nobody@example.test", zip.toString())).isEqualTo(1);
      assertThat(cli(common, "--workspace", name, "--owner", team.ana.email(), zip.toString())).isZero();

      Longhand third = Longhand.start(config, Clock.systemUTC());
      try {
        assertThat(counts(new Api(third.baseUrl(), team.ana.token()), new Api(third.baseUrl(), team.bo.token()), name))
            .isEqualTo(before);
      } finally {
        third.close();
      }
    } finally {
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }

  /** Runs {@code longhand import-slack ...} through {@link Main}'s command line; answers its exit code. */
  private static int cli(List<String> common, String... args) {
    List<String> all = new ArrayList<>(List.of("import-slack"));
    all.addAll(common);
    all.addAll(List.of(args));
    CommandLine line = new CommandLine(new Main());
    line.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    return line.execute(all.toArray(String[]::new));
  }

  /** An unknown owner and a file that is no export are refused, and leave no workspace behind. */
  private void refusalsWriteNothing(Config config, Path zip, String name, Path tmp) throws Exception {
    assertThatThrownBy(() -> SlackImport.run(config, new SlackImport.Options(name, "nobody@example.test", zip), Clock.systemUTC(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no account has the email nobody@example.test");
    Path notZip = Files.writeString(tmp.resolve("notes.zip"), "not a zip");
    assertThatThrownBy(() -> SlackImport.run(config, new SlackImport.Options(name, "x@example.test", notZip), Clock.systemUTC(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a zip file");
  }

  /** What the import made, through the API of a server started on the imported data; answers the counts to compare. */
  private Counts readBack(Config config, Team team, String name) throws Exception {
    Longhand second = Longhand.start(config, Clock.systemUTC());
    try {
      Api ana = new Api(second.baseUrl(), team.ana.token());
      Api bo = new Api(second.baseUrl(), team.bo.token());
      String ws = workspace(ana, name);
      JsonNode anaSpaces = ana.get("/api/v1/workspaces/" + ws + "/spaces").json().path("spaces");
      assertThat(names(anaSpaces)).as("the owner is not in the private channel").containsExactlyInAnyOrder("general", "random");
      JsonNode boSpaces = bo.get("/api/v1/workspaces/" + ws + "/spaces").json().path("spaces");
      assertThat(names(boSpaces)).containsExactlyInAnyOrder("general", "random", "secret-plans");
      String general = idNamed(boSpaces, "general");
      String secret = idNamed(boSpaces, "secret-plans");
      assertThat(visibility(boSpaces, "secret-plans")).isEqualTo("private");
      assertThat(visibility(boSpaces, "general")).isEqualTo("public");
      assertThat(ana.get("/api/v1/spaces/" + secret + "/threads").status()).isEqualTo(404);

      JsonNode threads = bo.get("/api/v1/spaces/" + general + "/threads").json().path("threads");
      assertThat(titles(threads)).containsExactlyInAnyOrder("Launch plan for Q2", "#general on Friday 30 January 2026",
          "#general on Saturday 31 January 2026");

      JsonNode launch = bo.get("/api/v1/threads/" + idTitled(threads, "Launch plan for Q2")).json();
      assertThat(launch.path("author").path("handle").asText()).isEqualTo(team.ana.handle());
      assertThat(launch.path("createdAt").asText()).isEqualTo("2026-01-30T10:00:00Z");
      assertThat(launch.path("lastActivityAt").asText()).isEqualTo("2026-01-31T09:00:00Z");
      assertThat(launch.path("body").asText()).isEqualTo("Launch plan for **Q2**\nDetails follow, @" + team.bo.handle() + " please review & comment");
      assertThat(launch.path("bodyHtml").asText()).contains("<span class=\"mention\">&#64;" + team.bo.handle() + "</span>").contains("<strong>Q2</strong>");
      assertThat(launch.path("reactions")).hasSize(1);
      assertThat(launch.path("reactions").get(0).path("name").asText()).isEqualTo("thumbsup");
      assertThat(launch.path("reactions").get(0).path("count").asInt()).isEqualTo(2);
      assertThat(launch.path("replyCount").asInt()).isEqualTo(3);
      JsonNode replies = launch.path("replies");
      assertThat(authors(replies)).as("Slack's order, across days").containsExactly("erin", "danak", team.bo.handle());
      assertThat(replies.get(0).path("body").asText()).isEqualTo("On it, @danak takes the numbers");
      assertThat(replies.get(0).path("bodyHtml").asText()).contains("<span class=\"mention\">&#64;danak</span>");
      assertThat(replies.get(2).path("createdAt").asText()).isEqualTo("2026-01-31T09:00:00Z");

      JsonNode dayOne = bo.get("/api/v1/threads/" + idTitled(threads, "#general on Friday 30 January 2026")).json();
      assertThat(dayOne.path("body").asText()).isEqualTo("Morning all, see [the doc](<https://example.com/doc>) in #random");
      assertThat(dayOne.path("bodyHtml").asText()).contains("href=\"https://example.com/doc\"");
      assertThat(authors(dayOne.path("replies"))).containsExactly("danak");

      JsonNode dayTwo = bo.get("/api/v1/threads/" + idTitled(threads, "#general on Saturday 31 January 2026")).json();
      assertThat(dayTwo.path("body").asText()).isEqualTo("Second day notes: zebra crossing repainted");
      JsonNode two = dayTwo.path("replies");
      assertThat(two).hasSize(3);
      assertThat(two.get(0).path("author").path("name").asText()).isEqualTo("Deploy Bot (bot)");
      assertThat(two.get(0).path("body").asText()).isEqualTo("Deployed build 42");
      Matcher file = Pattern.compile("!\\[dashboard\\.png\\]\\(/files/([0-9]+)\\)").matcher(two.get(1).path("body").asText());
      assertThat(file.find()).as(two.get(1).path("body").asText()).isTrue();
      Api.Response stored = bo.get("/api/v1/files/" + file.group(1));
      assertThat(stored.status()).isEqualTo(200);
      assertThat(stored.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(bo.get("/api/v1/files/" + file.group(1) + "/thumbnail").status()).isEqualTo(200);
      assertThat(ana.as(null).get("/api/v1/files/" + file.group(1)).status()).isEqualTo(401);
      assertThat(two.get(2).path("body").asText()).as("the file without bytes is left out, the words kept").isEqualTo("Spec attached");

      JsonNode members = ana.get("/api/v1/workspaces/" + ws + "/members").json().path("members");
      List<String> memberRoles = new ArrayList<>();
      members.forEach(m -> memberRoles.add(m.path("handle").asText() + ":" + m.path("role").asText()));
      assertThat(memberRoles).containsExactlyInAnyOrder(team.ana.handle() + ":owner", team.bo.handle() + ":member", "danak:member", "erin:guest");
      String dana = "dana-" + name.substring("Imported ".length()) + "@example.test";
      Api.Response claimless = ana.as(null).post("/api/v1/tokens", Map.of("email", dana, "password", "correct horse battery", "label", "x"));
      Api.Response wrong = ana.as(null).post("/api/v1/tokens", Map.of("email", team.bo.email(), "password", "not bo's password", "label", "x"));
      assertThat(claimless.status()).as("an imported account has no password until it is claimed: " + claimless.body())
          .isEqualTo(wrong.status()).isEqualTo(400);
      assertThat(claimless.body()).isEqualTo(wrong.body());

      assertThat(bo.get("/api/v1/search?q=pineapple").json().path("total").asInt()).isEqualTo(1);
      assertThat(ana.get("/api/v1/search?q=pineapple").json().path("total").asInt()).as("private").isZero();
      assertThat(ana.get("/api/v1/search?q=zebra").json().path("total").asInt()).isEqualTo(1);
      assertThat(ana.get("/api/v1/search?q=shipping").json().path("total").asInt()).isEqualTo(1);

      second.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
      second.dueWork().runDue();
      JsonNode boNotices = bo.get("/api/v1/notifications").json();
      assertThat(boNotices.path("delivered")).as("imported history notifies nobody").isEmpty();
      assertThat(boNotices.path("held")).isEmpty();
      assertThat(bo.get("/api/v1/inbox").json().path("items")).as("nor fills an inbox").isEmpty();
      return counts(ana, bo, name);
    } finally {
      second.close();
    }
  }

  /** Spaces, threads per space and replies per thread as Bo sees them. */
  record Counts(List<String> lines) {}

  private static Counts counts(Api ana, Api bo, String name) {
    String ws = workspace(ana, name);
    List<String> lines = new ArrayList<>();
    for (JsonNode s : bo.get("/api/v1/workspaces/" + ws + "/spaces").json().path("spaces")) {
      for (JsonNode t : bo.get("/api/v1/spaces/" + s.path("id").asText() + "/threads").json().path("threads")) {
        lines.add(s.path("name").asText() + " / " + t.path("title").asText() + " / " + t.path("replyCount").asInt());
      }
      lines.add(s.path("name").asText());
    }
    lines.sort(null);
    return new Counts(lines);
  }

  /** The one workspace of that name (the refused runs made none, and the later runs found this one). */
  private static String workspace(Api api, String name) {
    List<String> ids = new ArrayList<>();
    for (JsonNode w : api.get("/api/v1/workspaces").json().path("workspaces")) {
      if (w.path("name").asText().equals(name)) ids.add(w.path("id").asText());
    }
    assertThat(ids).as("workspaces named " + name).hasSize(1);
    return ids.get(0);
  }

  private static List<String> names(JsonNode spaces) {
    List<String> out = new ArrayList<>();
    spaces.forEach(s -> out.add(s.path("name").asText()));
    return out;
  }

  private static List<String> titles(JsonNode threads) {
    List<String> out = new ArrayList<>();
    threads.forEach(t -> out.add(t.path("title").asText()));
    return out;
  }

  private static List<String> authors(JsonNode replies) {
    List<String> out = new ArrayList<>();
    replies.forEach(r -> out.add(r.path("author").path("handle").asText()));
    return out;
  }

  private static String idNamed(JsonNode spaces, String name) {
    for (JsonNode s : spaces) if (s.path("name").asText().equals(name)) return s.path("id").asText();
    throw new AssertionError("no space " + name);
  }

  private static String visibility(JsonNode spaces, String name) {
    for (JsonNode s : spaces) if (s.path("name").asText().equals(name)) return s.path("visibility").asText();
    throw new AssertionError("no space " + name);
  }

  private static String idTitled(JsonNode threads, String title) {
    for (JsonNode t : threads) if (t.path("title").asText().equals(title)) return t.path("id").asText();
    throw new AssertionError("no thread " + title + " in " + threads);
  }
}
