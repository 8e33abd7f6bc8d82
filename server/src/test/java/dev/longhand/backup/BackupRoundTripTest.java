package dev.longhand.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A backup taken from a server that keeps taking writes, restored into a fresh target of the same or the other
 * database, and a server started on it answers every view of the seeded data exactly as before (JSON equal), serves
 * the same bytes and finds the same things.
 */
@ParameterizedClass
@CsvSource({"SQLITE, SQLITE", "POSTGRESQL, POSTGRESQL", "SQLITE, POSTGRESQL", "POSTGRESQL, SQLITE"})
class BackupRoundTripTest {
  @Parameter(0) Db from;
  @Parameter(1) Db to;
  @TempDir Path tmp;

  private OwnServer source;
  private Longhand restored;
  private Config target;

  @AfterEach
  void close() {
    if (restored != null) restored.close();
    if (source != null) source.close();
    if (target != null) target.databaseUrl().ifPresent(Databases::drop);
  }

  @Test
  void everyViewAnswersAsBeforeAfterABackupTakenWhileServing() throws Exception {
    source = OwnServer.with(TestServers.config(from), "Product");
    Seeded seeded = Seeded.into(source);
    source.settle();

    // Eve keeps writing in her own workspace while the backup runs.
    Api eve = seeded.team.eve.api();
    String eveSpace = eve.post("/api/v1/workspaces/" + seeded.team.otherWorkspaceId + "/spaces", Map.of("name", "Busy", "visibility", "public")).text("id");
    String busy = eve.post("/api/v1/spaces/" + eveSpace + "/threads", Map.of("title", "Busy", "body", "Writes during the backup")).text("id");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger written = new AtomicInteger();
    Thread writer = Thread.ofVirtual().start(() -> {
      while (!stop.get()) {
        if (eve.post("/api/v1/threads/" + busy + "/replies", Map.of("body", "reply " + written.get())).status() == 201) written.incrementAndGet();
      }
    });
    while (written.get() < 5) Thread.sleep(5);
    Path archive = tmp.resolve("longhand.zip");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    int before = written.get();
    Backup.Result backup = Backup.run(source.config, archive, new PrintStream(progress, true));
    int after = written.get();
    stop.set(true);
    writer.join();
    assertThat(after).as("replies written while the backup ran").isGreaterThan(before);
    assertThat(progress.toString()).contains("Tables").contains("Files");
    assertThat(backup.manifest().sourceDatabase()).isEqualTo(from.name().toLowerCase());
    assertThat(backup.manifest().tables()).as("the running servers' node leases are not data").extracting(t -> t.name())
        .contains("threads").doesNotContain(Backup.NODE_LEASES);
    assertThat(backup.files()).as("recording, image, its thumbnail, text file").isEqualTo(4);
    source.settle();
    Map<String, JsonNode> views = seeded.views(source.server.baseUrl());
    Map<String, byte[]> bytes = seeded.bytes(source.server.baseUrl());
    assertThat(bytes.get("recording")).isEqualTo(seeded.media);
    source.close();
    source = null;

    target = Archives.freshTarget(to);
    Restore.Result result = Restore.run(target, archive, new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(result.rows()).isEqualTo(backup.rows());
    assertThat(result.files()).isEqualTo(4);
    assertThat(result.indexed()).isGreaterThan(5);
    assertThat(Files.exists(target.dataDir().resolve(Target.MARKER))).isFalse();
    restored = Longhand.start(target, Clock.systemUTC());
    restored.dispatcher().awaitIdle(10, TimeUnit.SECONDS);

    Map<String, JsonNode> again = seeded.views(restored.baseUrl());
    assertThat(again.keySet()).isEqualTo(views.keySet());
    for (String view : views.keySet()) {
      assertThat(again.get(view).toPrettyString()).as(view).isEqualTo(views.get(view).toPrettyString());
    }
    assertThat(views.get("bo GET /api/v1/search?q=aardvark").path("body").toString()).contains("Weekly demo");
    Map<String, byte[]> bytesAgain = seeded.bytes(restored.baseUrl());
    for (String b : bytes.keySet()) assertThat(bytesAgain.get(b)).as(b).isEqualTo(bytes.get(b));

    // Eve's thread is whole as of one instant: its count of replies is the replies it has, some of them, not all.
    Api eveAgain = new Api(restored.baseUrl(), seeded.team.eve.token());
    JsonNode thread = eveAgain.get("/api/v1/threads/" + busy).json();
    int listed = eveAgain.get("/api/v1/threads/" + busy + "/replies?limit=200").json().path("replies").size();
    // one writer, so at most one reply was in flight (committed, its answer not yet counted) when the counts were read
    assertThat(thread.path("replyCount").asInt()).isEqualTo(listed).isBetween(before, after + 1);

    // What is written after the restore reaches every consumer: a mention notifies (a consumer whose cursor came from
    // the archive) and a new word is found (the index rebuilt at the restore). On PostgreSQL the restored events and
    // cursors are placed below every transaction to come; left at the old cluster's positions, the notifier passed
    // nothing ever again.
    Api boAgain = new Api(restored.baseUrl(), seeded.team.bo.token());
    int noticesBefore = notices(boAgain);
    var reply = new Api(restored.baseUrl(), seeded.team.ana.token()).post("/api/v1/threads/" + seeded.threads.getFirst() + "/replies",
        Map.of("body", "After the restore, @" + seeded.team.bo.handle() + " look at the quokka"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    restored.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (notices(boAgain) == noticesBefore && System.nanoTime() < until) Thread.sleep(50);
    assertThat(notices(boAgain)).as("the mention notified Bo").isGreaterThan(noticesBefore);
    while (boAgain.get("/api/v1/search?q=quokka").json().path("total").asInt() == 0 && System.nanoTime() < until) Thread.sleep(50);
    assertThat(boAgain.get("/api/v1/search?q=quokka").json().path("total").asInt()).as("the new reply is found").isEqualTo(1);
  }

  private static int notices(Api who) {
    JsonNode n = who.get("/api/v1/notifications").json();
    return n.path("delivered").size() + n.path("held").size();
  }
}
