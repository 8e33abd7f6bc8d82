package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Sign-ups that arrive together (several nodes, or one PostgreSQL node's pool) each check that the email and the
 * handle are free and then insert: both may find them free. The loser of the unique key is asked again, not answered
 * 500: people with one name get handles of their own; one email gets one account and the others a 409.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ConcurrentSignUpTest {
  private static final int AT_ONCE = 12;
  @Parameter Db db;

  @Test
  void peopleWithOneNameSigningUpTogetherGetHandlesOfTheirOwn() throws Exception {
    String name = "Samesake" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    List<Api.Response> created = together(i -> Map.of("email", "same" + i + "-" + UUID.randomUUID() + "@example.test",
        "name", name, "password", "correct horse battery"));
    assertThat(created).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
    assertThat(new HashSet<>(created.stream().map(r -> r.text("handle")).toList())).hasSize(AT_ONCE);
  }

  @Test
  void oneEmailSigningUpTogetherGetsOneAccount() throws Exception {
    String email = "twice-" + UUID.randomUUID() + "@example.test";
    List<Api.Response> created = together(i -> Map.of("email", email, "name", "Twice " + i, "password", "correct horse battery"));
    assertThat(created.stream().filter(r -> r.status() == 201)).hasSize(1);
    assertThat(created.stream().filter(r -> r.status() != 201)).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(409));
  }

  /** {@link #AT_ONCE} sign-ups sent at the same moment. */
  private List<Api.Response> together(java.util.function.IntFunction<Map<String, String>> body) throws Exception {
    Api anonymous = new Api(TestServers.get(db).baseUrl(), null);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Response>> sent = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < AT_ONCE; i++) {
        Map<String, String> b = body.apply(i);
        sent.add(pool.submit(() -> {
          go.await();
          return anonymous.post("/api/v1/accounts", b);
        }));
      }
      go.countDown();
      List<Api.Response> responses = new ArrayList<>();
      for (var f : sent) responses.add(f.get());
      return responses;
    }
  }
}
