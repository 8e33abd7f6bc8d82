package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The site's icon: where browsers ask for it without being told, and where every page tells them. */
@ParameterizedClass
@EnumSource(Db.class)
class SiteIconTest {
  @Parameter Db db;

  @Test
  void faviconIcoIsAnIconNotA404() throws Exception {
    var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestServers.get(db).baseUrl() + "/favicon.ico")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    byte[] b = r.body();
    assertThat(b.length).isGreaterThan(22);
    assertThat(new byte[] {b[0], b[1], b[2], b[3]}).containsExactly(0, 0, 1, 0); // ICO header: reserved 0, type 1 (icon)
  }

  @Test
  void everyPageLinksItsIcons() {
    WebSession visitor = new WebSession(TestServers.get(db).baseUrl());
    String login = visitor.get("/login").body();
    assertThat(login).contains("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">")
        .contains("<link rel=\"icon\" href=\"/favicon.ico\"");
    var svg = visitor.get("/static/favicon.svg");
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.body()).startsWith("<svg");
  }
}
