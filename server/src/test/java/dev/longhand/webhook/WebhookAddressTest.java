package dev.longhand.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.config.Cidr;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Webhooks cannot reach inside, as one table: every host that is or names an address inside (in every form browsers
 * and curl read) is refused when the webhook is made (400 naming {@code url}) and again when it is delivered, by the
 * resolver the client connects through, with an allow-list that does not cover it. Public addresses are kept.
 */
@ParameterizedClass
@EnumSource(Db.class)
class WebhookAddressTest {
  @Parameter Db db;
  Team team;

  /** Each host inside, and what it is. */
  static final String[][] INSIDE = {
      {"127.0.0.1", "loopback"}, {"localhost", "loopback"}, {"127.1", "loopback"}, {"2130706433", "loopback"},
      {"0x7f.1", "loopback"}, {"017700000001", "loopback"}, {"0x7f000001", "loopback"}, {"0177.0.0.1", "loopback"},
      {"127.0.0.1.", "loopback"}, {"[::1]", "loopback"}, {"[::ffff:127.0.0.1]", "loopback"}, {"[::ffff:7f00:1]", "loopback"},
      {"[::127.0.0.1]", "loopback"}, {"[0:0:0:0:0:ffff:7f00:0001]", "loopback"},
      {"10.0.0.1", "private"}, {"10.255.255.255", "private"}, {"172.16.0.1", "private"}, {"172.31.255.254", "private"},
      {"192.168.1.1", "private"}, {"[::ffff:192.168.0.1]", "private"}, {"[::ffff:a00:1]", "private"}, {"[64:ff9b::a00:1]", "private"},
      {"[fc00::1]", "private"}, {"[fd12:3456::1]", "private"},
      {"169.254.169.254", "link-local"}, {"[::ffff:a9fe:a9fe]", "link-local"}, {"[fe80::1]", "link-local"},
      {"100.64.0.1", "CGNAT"}, {"100.127.255.254", "CGNAT"},
      {"224.0.0.1", "multicast"}, {"239.255.255.250", "multicast"}, {"[ff02::1]", "multicast"},
      {"0.0.0.0", "unspecified"}, {"0", "unspecified"}, {"[::]", "unspecified"}, {"255.255.255.255", "broadcast"},
  };

  /** Public neighbours of the ranges: kept. */
  static final String[] OUTSIDE = {"172.32.0.1", "100.128.0.1", "11.0.0.1", "192.169.0.1", "8.8.8.8", "[2001:4860:4860::8888]"};

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  @Test
  void everyInsideHostIsRefusedAtCreationNamingTheUrl() {
    List<String> wrong = new ArrayList<>();
    for (String[] c : INSIDE) {
      var answer = create("http://" + c[0] + ":8080/hook");
      if (answer.status() != 400 || !"url".equals(answer.text("field"))) wrong.add(c[0] + " (" + c[1] + "): " + answer.status() + " " + answer.body());
    }
    assertThat(wrong).as("inside hosts that were not refused naming url").isEmpty();
    assertThat(team.ana.api().get("/api/v1/workspaces/" + team.workspaceId + "/webhooks").json().get("webhooks")).isEmpty();
  }

  @Test
  void otherSchemesCredentialsAndNonAddressesAreRefusedNamingTheUrl() {
    for (String url : List.of("ftp://8.8.8.8/hook", "file:///etc/passwd", "gopher://8.8.8.8/", "javascript:alert(1)",
        "http://user:pw@8.8.8.8/hook", "http://8.8.8.8:0/", "http://8.8.8.8:70000/", "http://1.2.3.4.5/", "http://256.1.1.1/",
        "http://0x100000000/", "http:///nohost", "not a url", "http://[fe80::1%25eth0]/", "http://8.8.8.8/#frag")) {
      var answer = create(url);
      assertThat(answer.status()).as(url).isEqualTo(400);
      assertThat(answer.text("field")).as(url).isEqualTo("url");
    }
  }

  @Test
  void publicAddressesAreKeptAndNumericHostsWrittenPlainly() {
    for (String host : OUTSIDE) {
      var answer = create("http://" + host + "/hook");
      assertThat(answer.status()).as(host + ": " + answer.body()).isEqualTo(201);
      team.ana.api().delete("/api/v1/webhooks/" + answer.text("id"));
    }
    var numeric = create("http://0x8.0x8.0x8.0x8:8443/hook?x=1");
    assertThat(numeric.text("url")).isEqualTo("http://8.8.8.8:8443/hook?x=1");
    team.ana.api().delete("/api/v1/webhooks/" + numeric.text("id"));
  }

  @Test
  void atDeliveryEveryInsideHostIsRefusedByAnAllowListThatDoesNotCoverIt() throws Exception {
    PinnedResolver resolver = new PinnedResolver(new AddressPolicy(List.of(Cidr.parse("8.8.8.0/24", "test"), Cidr.parse("fd12::/16", "test"))),
        InetAddress::getAllByName);
    List<String> wrong = new ArrayList<>();
    for (String[] c : INSIDE) {
      if (c[0].startsWith("[fd12")) continue; // inside the allowed fd12::/16: checked below
      try {
        wrong.add(c[0] + " (" + c[1] + ") was let through as " + resolver.addresses(c[0]));
      } catch (PinnedResolver.Refused expected) {
        // refused before any connection
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(resolver.addresses("[fd12:3456::1]")).hasSize(1); // the allow-list is what lets a range through
    assertThat(resolver.addresses("8.8.8.8")).extracting(InetAddress::getHostAddress).containsExactly("8.8.8.8");
  }

  /**
   * DNS rebinding: a name whose lookup answers an outside address and an inside one is refused whole, and a name is
   * looked up once per connection, the connection going to the address that was checked.
   */
  @Test
  void aNameIsLookedUpOnceAndRefusedWholeWhenAnyAddressIsInside() throws Exception {
    int[] lookups = {0};
    PinnedResolver.Lookup rebinding = host -> {
      lookups[0]++;
      return new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("127.0.0.1")};
    };
    PinnedResolver resolver = new PinnedResolver(new AddressPolicy(List.of()), rebinding);
    assertThatThrownBy(() -> resolver.addresses("rebind.example")).isInstanceOf(PinnedResolver.Refused.class)
        .hasMessageContaining("127.0.0.1 is loopback");
    assertThat(lookups[0]).isEqualTo(1);
    PinnedResolver.Lookup none = host -> {
      throw new UnknownHostException(host);
    };
    assertThatThrownBy(() -> new PinnedResolver(new AddressPolicy(List.of()), none).addresses("nowhere.example"))
        .isInstanceOf(UnknownHostException.class);
  }

  /**
   * Through the real client: to a receiver on loopback, refused when the allow-list does not cover it (the receiver
   * hears nothing), delivered when it does; a name only the test's lookup knows reaches the receiver, so the client
   * connects to the address the resolver checked and never looks the name up again.
   */
  @Test
  void theClientConnectsOnlyToTheCheckedAddress() throws Exception {
    try (Receiver receiver = new Receiver();
         WebhookClient refusing = new WebhookClient(new PinnedResolver(new AddressPolicy(List.of(Cidr.parse("10.0.0.0/8", "t"))),
             InetAddress::getAllByName));
         WebhookClient allowing = new WebhookClient(new PinnedResolver(new AddressPolicy(List.of(Cidr.parse("127.0.0.1/32", "t"))),
             host -> host.equals("receiver.invalid") ? new InetAddress[] {InetAddress.getByName("127.0.0.1")} : InetAddress.getAllByName(host)))) {
      var refused = refusing.post(receiver.url("/hook"), "1", 1, "v1,x", "{}");
      assertThat(refused.delivered()).isFalse();
      assertThat(refused.status()).isNull();
      assertThat(refused.error()).contains("127.0.0.1 is loopback");
      var pinned = allowing.post("http://receiver.invalid:" + receiver.port() + "/pinned", "2", 2, "v1,y", "{}");
      assertThat(pinned.delivered()).as(String.valueOf(pinned.error())).isTrue();
      var heard = receiver.next();
      assertThat(heard.path()).isEqualTo("/pinned");
      assertThat(heard.header("host")).isEqualTo("receiver.invalid:" + receiver.port());
      assertThat(receiver.drain()).isEmpty();
    }
  }

  private dev.longhand.testkit.Api.Response create(String url) {
    return team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/webhooks", Map.of("url", url, "events", List.of("ReplyAdded")));
  }
}
