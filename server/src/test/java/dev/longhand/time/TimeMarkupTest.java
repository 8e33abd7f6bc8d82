package dev.longhand.time;

import static dev.longhand.time.People.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.time.TimeMarkup.Found;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TimeMarkupTest {

  @Test
  void findsTimesWithZOrAnOffset() {
    String text = "Standup <t:2026-12-01T15:00Z>, or <t:2026-12-01T15:00:00+09:00> for Bo.";
    assertThat(TimeMarkup.find(text)).containsExactly(
        new Found(8, 29, at("2026-12-01T15:00:00Z")),
        new Found(34, 63, at("2026-12-01T06:00:00Z")));
    assertThat(text.substring(8, 29)).isEqualTo("<t:2026-12-01T15:00Z>");
    assertThat(TimeMarkup.find("Cy: <t:2026-12-01T08:00-07:00>")).extracting(Found::instant)
        .containsExactly(at("2026-12-01T15:00:00Z"));
  }

  @Test
  void malformedMarkersStayText() {
    for (String bad : new String[] {"<t:2026-13-01T15:00Z>", "<t:2026-02-30T10:00Z>", "<t:2026-12-01T24:00Z>",
        "<t:2026-12-01 15:00Z>", "<t:2026-12-01T15:00>", "<t:2026-12-01T15:00+0900>", "<t:2026-12-01T15:00:00.5Z>",
        "<t:2026-12-01T15:00Z", "t:2026-12-01T15:00Z>", "<t:2026-12-01T15:00+19:00>", "<T:2026-12-01T15:00Z>",
        "<t:2026-12-01>", "<t:12026-12-01T15:00Z>"}) {
      assertThat(TimeMarkup.find("see " + bad + " then")).as(bad).isEmpty();
    }
    assertThat(TimeMarkup.find("<t:2026-13-01T15:00Z> and <t:2026-12-01T15:00Z>")).extracting(Found::start).containsExactly(26);
  }

  @Test
  void writesMarkersInUtcWithSecondsOnlyWhenNeeded() {
    assertThat(TimeMarkup.marker(at("2026-12-01T15:00:00Z"))).isEqualTo("<t:2026-12-01T15:00Z>");
    assertThat(TimeMarkup.marker(at("2026-12-01T15:00:30Z"))).isEqualTo("<t:2026-12-01T15:00:30Z>");
    assertThat(TimeMarkup.marker(at("2026-12-01T15:00:00.25Z"))).isEqualTo("<t:2026-12-01T15:00Z>");
    assertThatThrownBy(() -> TimeMarkup.marker(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findsEscapedMarkersInRenderedHtml() {
    String html = "<p>Standup &lt;t:2026-12-01T15:00Z&gt; daily</p>";
    assertThat(TimeMarkup.findEscaped(html)).containsExactly(new Found(11, 38, at("2026-12-01T15:00:00Z")));
    assertThat(TimeMarkup.find(html)).isEmpty();
  }

  @Test
  void aMarkerReadsBackAsTheInstantItWasWrittenFor() {
    RandomCases.check(2000, r -> Instant.ofEpochSecond(-62_000_000_000L + (long) (r.nextDouble() * 315_000_000_000L), r.nextInt(1_000_000_000)), t -> {
      String marker = TimeMarkup.marker(t);
      assertThat(TimeMarkup.find("x" + marker + "y")).containsExactly(new Found(1, 1 + marker.length(), t.truncatedTo(ChronoUnit.SECONDS)));
    });
  }
}
