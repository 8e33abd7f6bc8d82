package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** On a server without email (the test servers have no SMTP), the email choice shows as off, and saving keeps it. */
@ParameterizedClass
@EnumSource(Db.class)
class EmailOffSettingsTest {
  @Parameter Db db;

  @Test
  void theEmailBoxIsUncheckedAndSaysWhyAndSavingKeepsTheChoice() {
    Team team = Team.of(db);
    assertThat(team.bo.api().get("/api/v1/me/delivery").json().get("emailDigests").asBoolean()).isTrue(); // the default
    WebSession bo = WebSession.signedIn(TestServers.get(db).baseUrl(), team.bo.email(), "correct horse battery");
    String page = bo.get("/me/notifications").body();
    String box = checkbox(page);
    assertThat(box).contains("disabled").doesNotContain("checked");
    assertThat(box).contains("aria-describedby=\"email-off\"");
    assertThat(page).contains("id=\"email-off\">Email is switched off on this server");

    assertThat(bo.postForm("/me/notifications", formOf(page)).statusCode()).isEqualTo(303);
    assertThat(team.bo.api().get("/api/v1/me/delivery").json().get("emailDigests").asBoolean())
        .as("saving other settings while email is off keeps the choice for when it is on").isTrue();
  }

  private static String checkbox(String page) {
    Matcher m = Pattern.compile("<label class=\"check\">(<input type=\"checkbox\"[^>]*>) Also send digests").matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** What the browser sends: the form's named inputs with their values (a disabled box sends nothing). */
  private static Map<String, String> formOf(String page) {
    String form = page.substring(page.indexOf("<form method=\"post\" action=\"/me/notifications\""));
    form = form.substring(0, form.indexOf("</form>"));
    Map<String, String> fields = new java.util.HashMap<>();
    Matcher m = Pattern.compile("<input ([^>]*)>").matcher(form);
    while (m.find()) {
      String attrs = m.group(1);
      Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(attrs);
      if (!name.find() || attrs.contains("disabled") || name.group(1).equals("_csrf")) continue;
      if (attrs.contains("type=\"checkbox\"") && !attrs.contains("checked")) continue;
      Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(attrs);
      fields.put(name.group(1), value.find() ? value.group(1) : "on");
    }
    return fields;
  }
}
