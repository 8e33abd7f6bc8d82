package dev.longhand.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.config.Config;
import dev.longhand.config.SignIn;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single sign-on settings read from the environment, and the ones refused at start with one line. */
class SsoSettingsTest {
  static final Map<String, String> ACME = Map.of("LONGHAND_OIDC_ISSUER", "https://login.acme.example/realms/acme",
      "LONGHAND_OIDC_CLIENT_ID", "longhand", "LONGHAND_OIDC_CLIENT_SECRET", "s3cret-value", "LONGHAND_OIDC_NAME", "Acme ID");

  static Map<String, String> with(Map<String, String> base, String key, String value) {
    var m = new java.util.HashMap<>(base);
    if (value == null) m.remove(key);
    else m.put(key, value);
    return m;
  }

  @Test
  void withoutAnIssuerPasswordsAloneSignIn() {
    SignIn s = Config.fromEnvironment(Map.of()).signIn();
    assertThat(s.passwords()).isTrue();
    assertThat(s.oidc()).isEmpty();
  }

  @Test
  void theProviderIsReadWithItsNameAndTheSecretIsNeverPrinted() {
    Config config = Config.fromEnvironment(with(ACME, "LONGHAND_PASSWORDS", "off"));
    SignIn.Oidc oidc = config.signIn().oidc().orElseThrow();
    assertThat(oidc.issuer()).isEqualTo("https://login.acme.example/realms/acme");
    assertThat(oidc.clientId()).isEqualTo("longhand");
    assertThat(oidc.clientSecret()).isEqualTo("s3cret-value");
    assertThat(oidc.name()).isEqualTo("Acme ID");
    assertThat(config.signIn().passwords()).isFalse();
    assertThat(config.toString()).doesNotContain("s3cret-value");
    assertThat(Config.fromEnvironment(with(ACME, "LONGHAND_OIDC_NAME", null)).signIn().oidc().orElseThrow().name()).isEqualTo("single sign-on");
    // the other settings keep it
    assertThat(config.withMaxFile(1024).withPasswordCost(Config.PasswordCost.OWASP).signIn()).isEqualTo(config.signIn());
  }

  @Test
  void badSettingsAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> Config.fromEnvironment(with(ACME, "LONGHAND_OIDC_CLIENT_SECRET", null)))
        .hasMessageContaining("LONGHAND_OIDC_CLIENT_SECRET must be set");
    assertThatThrownBy(() -> Config.fromEnvironment(with(ACME, "LONGHAND_OIDC_CLIENT_ID", " ")))
        .hasMessageContaining("LONGHAND_OIDC_CLIENT_ID must be set");
    assertThatThrownBy(() -> Config.fromEnvironment(with(ACME, "LONGHAND_OIDC_ISSUER", "http://login.acme.example")))
        .hasMessageContaining("LONGHAND_OIDC_ISSUER must be the provider's https URL");
    assertThat(Config.fromEnvironment(with(ACME, "LONGHAND_OIDC_ISSUER", "http://127.0.0.1:9000/acme")).signIn().oidc()).isPresent();
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_PASSWORDS", "off")))
        .hasMessageContaining("LONGHAND_PASSWORDS=off needs a single sign-on provider");
    assertThatThrownBy(() -> Config.fromEnvironment(with(ACME, "LONGHAND_PASSWORDS", "maybe")))
        .hasMessageContaining("LONGHAND_PASSWORDS must be on or off");
  }
}
