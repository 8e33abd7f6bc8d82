package dev.longhand.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A person's notifications through the API, delivered or held for their hours, once the producer has caught up. */
public final class Notices {
  private Notices() {}

  public static List<JsonNode> of(Longhand server, Team.Person who) {
    try {
      server.dispatcher().wake();
      assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    var r = who.api().get("/api/v1/notifications");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> all = new ArrayList<>();
    r.json().get("delivered").forEach(all::add);
    r.json().get("held").forEach(all::add);
    return all;
  }
}
