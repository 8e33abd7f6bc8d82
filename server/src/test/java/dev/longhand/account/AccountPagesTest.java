package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Signing up and in through the pages: where a person lands afterwards, and the form token they leave with. */
@ParameterizedClass
@EnumSource(Db.class)
class AccountPagesTest {
  /** Each of these is read by some browser as another site once it has cleaned the location up. */
  static final List<String> ELSEWHERE = List.of("/\t/evil.example/x", "/\n/evil.example", "/\r/evil.example", "\t//evil.example",
      "/\\evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%252F/evil.example", "//evil.example",
      "https://evil.example", " /evil", "/%09/evil.example", "evil.example");
  @Parameter Db db;

  private String base() {
    return TestServers.get(db).baseUrl();
  }

  private Map<String, String> newPerson() {
    String email = "next-" + System.nanoTime() + "@example.test";
    return Map.of("email", email, "name", "Nia", "password", "long enough password");
  }

  @Test
  void signingInNeverLeadsToAnotherSite() {
    Map<String, String> nia = newPerson();
    assertThat(new WebSession(base()).postForm("/signup", nia).statusCode()).isEqualTo(303);
    for (String next : ELSEWHERE) {
      var r = new WebSession(base()).postForm("/login", Map.of("email", nia.get("email"), "password", nia.get("password"), "next", next));
      assertThat(r.statusCode()).as(next).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(next).hasValue("/");
    }
    var home = new WebSession(base()).postForm("/login", Map.of("email", nia.get("email"), "password", nia.get("password"),
        "next", "/threads/12?tab=replies#r-3"));
    assertThat(home.headers().firstValue("Location")).hasValue("/threads/12?tab=replies#r-3");
  }

  @Test
  void signingUpNeverLeadsToAnotherSite() {
    for (String next : List.of("/%09/evil.example/x", "/\t/evil.example/x", "/%2F/evil.example")) {
      Map<String, String> form = new java.util.HashMap<>(newPerson());
      form.put("next", next);
      var r = new WebSession(base()).postForm("/signup", form);
      assertThat(r.statusCode()).as(next).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(next).hasValue("/");
    }
    Map<String, String> form = new java.util.HashMap<>(newPerson());
    form.put("next", "/invitations/abc");
    assertThat(new WebSession(base()).postForm("/signup", form).headers().firstValue("Location")).hasValue("/invitations/abc");
  }
}
