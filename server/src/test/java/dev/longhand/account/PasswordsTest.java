package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.config.Config;
import dev.longhand.http.Problem;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void productionHashesAtOwaspsCostWhateverTheTestsUse() {
    Config production = Config.fromEnvironment(Map.of());
    assertThat(production.passwordCost()).isEqualTo(new Config.PasswordCost(19_456, 2, 1));

    String hash = Passwords.withCost(production.passwordCost()).hash("correct horse battery");

    // $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>: the parameters travel with every stored hash
    String[] parts = hash.split("\\$");
    assertThat(parts[1]).isEqualTo("argon2id");
    assertThat(parts[3]).isEqualTo("m=19456,t=2,p=1");
    assertThat(Base64.getDecoder().decode(pad(parts[4]))).hasSize(16);
    assertThat(Base64.getDecoder().decode(pad(parts[5]))).hasSize(32);
  }

  @Test
  void aHashOfOneCostIsCheckedByAServerOfAnother() {
    Passwords cheap = Passwords.withCost(TestServers.CHEAP_PASSWORDS);
    Passwords production = Passwords.withCost(Config.PasswordCost.OWASP);

    assertThat(production.matches("correct horse battery", cheap.hash("correct horse battery"))).isTrue();
    assertThat(cheap.matches("correct horse battery", production.hash("correct horse battery"))).isTrue();
    assertThat(cheap.matches("wrong horse battery", production.hash("correct horse battery"))).isFalse();
  }

  @Test
  void aWrongEmailIsCheckedAgainstAHashOfTheSameCostAsARealOne() {
    for (Config.PasswordCost cost : List.of(Config.PasswordCost.OWASP, TestServers.CHEAP_PASSWORDS)) {
      Passwords passwords = Passwords.withCost(cost);
      String real = passwords.hash("correct horse battery");
      assertThat(parameters(passwords.decoy())).isEqualTo(parameters(real));
      assertThat(passwords.decoy().split("\\$", -1)).hasSameSizeAs(real.split("\\$", -1)); // $argon2id$v=19$m=..$salt$digest
      assertThat(passwords.decoy()).startsWith(real.substring(0, real.indexOf(parameters(real))));
      assertThat(passwords.matches("correct horse battery", passwords.decoy())).as("the decoy matches no password").isFalse();
      assertThat(passwords.matches("", passwords.decoy())).isFalse();
    }
    assertThat(Passwords.withCost(TestServers.CHEAP_PASSWORDS).decoy()).as("a salt of its own")
        .isNotEqualTo(Passwords.withCost(TestServers.CHEAP_PASSWORDS).decoy());
  }

  @Test
  void noMoreHashesRunAtOnceThanThereAreSlots() throws Exception {
    Passwords passwords = new Passwords(new Config.PasswordCost(4096, 2, 1), 2, Duration.ofMinutes(1));
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> hashes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        hashes.add(callers.submit(() -> {
          start.await();
          return passwords.hash("correct horse battery");
        }));
      }
      start.countDown();
      for (Future<String> h : hashes) assertThat(h.get()).startsWith("$argon2id$");
    }
    assertThat(passwords.mostAtOnce()).isEqualTo(2);
  }

  @Test
  void aCallerWhoWaitsTooLongForASlotIsToldToComeBack() throws Exception {
    Passwords passwords = new Passwords(TestServers.CHEAP_PASSWORDS, 1, Duration.ofMillis(100));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = Thread.ofVirtual().start(() -> passwords.inTurn(() -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    inside.await();

    assertThatThrownBy(() -> passwords.hash("correct horse battery"))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.status()).isEqualTo(503);
          assertThat(p.retryAfterSeconds()).isPresent();
        });

    release.countDown();
    holder.join();
    assertThat(passwords.hash("correct horse battery")).startsWith("$argon2id$"); // the slot came back
  }

  private static String parameters(String phc) {
    return phc.split("\\$")[3];
  }

  private static String pad(String base64) {
    return base64 + "=".repeat((4 - base64.length() % 4) % 4);
  }
}
