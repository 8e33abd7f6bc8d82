package dev.longhand.testkit;

import dev.longhand.Longhand;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The people every test uses: Ana in Lisbon (owner of the workspace), Bo in Seoul and Cy in
 * Denver (members), Gil a guest, and Eve, who belongs to another workspace. Each test gets its
 * own team, so tests never see each other's data.
 */
public final class Team {
  public final Api anonymous;
  public final Person ana;
  public final Person bo;
  public final Person cy;
  public final Person gil;
  public final Person eve;
  public final String workspaceId;
  public final String otherWorkspaceId;

  public record Person(String id, String name, String handle, String email, String token, Api api) {}

  private Team(String base) {
    anonymous = new Api(base, null);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // The five sign-ups, then the two workspaces, then the three joins go side by side: each is a few writes that
    // wait for their commit, which SQLite's group commit and PostgreSQL share between them. One after another they
    // were 23 commits in a row, and building a team was a large part of many tests' time.
    var people = together(
        () -> person("Ana", tag, "Europe/Lisbon", "09:00", "17:00"),
        () -> person("Bo", tag, "Asia/Seoul", "10:00", "19:00"),
        () -> person("Cy", tag, "America/Denver", "08:00", "16:00"),
        () -> person("Gil", tag, "Europe/Berlin", "09:00", "17:00"),
        () -> person("Eve", tag, "Europe/Paris", "09:00", "17:00"));
    ana = people.get(0);
    bo = people.get(1);
    cy = people.get(2);
    gil = people.get(3);
    eve = people.get(4);
    var workspaces = together(
        () -> ana.api.post("/api/v1/workspaces", Map.of("name", "Acme " + tag)).text("id"),
        () -> eve.api.post("/api/v1/workspaces", Map.of("name", "Elsewhere " + tag)).text("id"));
    workspaceId = workspaces.get(0);
    otherWorkspaceId = workspaces.get(1);
    together(() -> join(bo, "member"), () -> join(cy, "member"), () -> join(gil, "guest"));
  }

  /** Runs the steps side by side and returns their results in order; the first failure is thrown. */
  @SafeVarargs
  private static <T> List<T> together(java.util.function.Supplier<T>... steps) {
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var running = java.util.Arrays.stream(steps).map(step -> pool.submit(step::get)).toList();
      List<T> results = new java.util.ArrayList<>();
      for (var r : running) results.add(r.get());
      return results;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Team of(Db db) {
    return new Team(TestServers.get(db).baseUrl());
  }

  /** The team on a server of the test's own (one with a test clock, say). */
  public static Team on(Longhand server) {
    return new Team(server.baseUrl());
  }

  /** The team made through a server reached only over HTTP (a load balancer in front of node processes, say). */
  public static Team at(String base) {
    return new Team(base);
  }

  /** Another person who joins the workspace with the given role. */
  public Person extraMember(String name, String role) {
    Person p = person(name, UUID.randomUUID().toString().substring(0, 8), "Europe/London", "09:00", "17:00");
    join(p, role);
    return p;
  }

  /**
   * Working around the clock every day in their own zone (two ranges a day that touch make one period), so that
   * nothing sent to them waits for their hours: for tests that run against the real clock, at any time of day.
   */
  public static void workingAroundTheClock(Person p, String zone) {
    List<Map<String, String>> week = new java.util.ArrayList<>();
    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
      week.add(Map.of("day", d.name(), "start", "00:00", "end", "12:00"));
      week.add(Map.of("day", d.name(), "start", "12:00", "end", "00:00"));
    }
    Api.Response set = p.api.put("/api/v1/me/schedule", Map.of("timeZone", zone, "workingHours", week));
    if (set.status() != 200) throw new IllegalStateException("cannot set hours: " + set.body());
  }

  public String createSpace(Person who, String name, String visibility) {
    return who.api.post("/api/v1/workspaces/" + workspaceId + "/spaces", Map.of("name", name, "visibility", visibility)).text("id");
  }

  private Person join(Person p, String role) {
    String code = ana.api.post("/api/v1/workspaces/" + workspaceId + "/invitations", Map.of("role", role)).text("code");
    p.api.post("/api/v1/invitations/" + code + "/accept", Map.of());
    return p;
  }

  private Person person(String name, String tag, String zone, String start, String end) {
    String email = name.toLowerCase() + "-" + tag + "@example.test";
    var created = anonymous.post("/api/v1/accounts", Map.of("email", email, "name", name + " " + tag, "password", "correct horse battery"));
    if (created.status() != 201) throw new IllegalStateException("cannot create " + name + ": " + created.body());
    String token = anonymous.post("/api/v1/tokens", Map.of("email", email, "password", "correct horse battery", "label", "tests")).text("token");
    Api api = anonymous.as(token);
    List<Map<String, String>> week = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
        .map(d -> Map.of("day", d, "start", start, "end", end)).toList();
    api.put("/api/v1/me/schedule", Map.of("timeZone", zone, "workingHours", week));
    return new Person(created.text("id"), created.text("name"), created.text("handle"), email, token, api);
  }
}
