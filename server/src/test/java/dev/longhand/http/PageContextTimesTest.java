package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one way pages say when: relative to now in the reader's zone, the whole instant in the title. */
class PageContextTimesTest {
  // Thursday 3 December 2026, 14:05 in Lisbon (UTC+0 in winter); the reader is in Lisbon.
  static final Instant NOW = Instant.parse("2026-12-03T14:05:00Z");
  static final PageContext PAGE = new PageContext(Optional.of(new Viewer(1, "Ana", "ana", "ana@example.test", ZoneId.of("Europe/Lisbon"), true)),
      "t", "/", Optional.empty(), Clock.fixed(NOW, ZoneId.of("UTC")));

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void relativeToNowInTheReadersZone() {
    assertThat(PAGE.when(at("2026-12-03T14:04:40Z"))).isEqualTo("just now");
    assertThat(PAGE.when(at("2026-12-03T13:53:00Z"))).isEqualTo("12 min ago");
    assertThat(PAGE.when(at("2026-12-03T14:25:00Z"))).isEqualTo("in 20 min");
    assertThat(PAGE.when(at("2026-12-03T08:30:00Z"))).isEqualTo("today, 08:30");
    assertThat(PAGE.when(at("2026-12-02T23:59:00Z"))).isEqualTo("yesterday, 23:59");
    assertThat(PAGE.when(at("2026-12-04T09:00:00Z"))).isEqualTo("tomorrow, 09:00");
    assertThat(PAGE.when(at("2026-11-29T16:00:00Z"))).isEqualTo("Sun, 16:00");
    assertThat(PAGE.when(at("2026-10-01T10:00:00Z"))).isEqualTo("Thu 1 Oct"); // past, more than a week ago: the day only
    assertThat(PAGE.when(at("2025-12-01T10:00:00Z"))).isEqualTo("Mon 1 Dec 2025");
    assertThat(PAGE.when(at("2026-12-20T09:00:00Z"))).isEqualTo("Sun 20 Dec, 09:00");
  }

  @Test
  void theTitleSaysTheWholeInstantAndTheZone() {
    assertThat(PAGE.fullTime(at("2026-10-01T10:00:00Z"))).isEqualTo("Thursday 1 October 2026, 11:00 (Europe/Lisbon)");
    assertThat(PAGE.date(LocalDate.parse("2027-02-01"))).isEqualTo("Mon 1 Feb 2027");
    assertThat(PAGE.date(LocalDate.parse("2026-12-25"))).isEqualTo("Fri 25 Dec");
  }

  @Test
  void yesterdayIsTheReadersYesterday() {
    PageContext inSeoul = new PageContext(Optional.of(new Viewer(2, "Bo", "bo", "bo@example.test", ZoneId.of("Asia/Seoul"), true)),
        "t", "/", Optional.empty(), Clock.fixed(NOW, ZoneId.of("UTC"))); // 23:05 on Thursday in Seoul
    assertThat(inSeoul.when(at("2026-12-02T16:00:00Z"))).isEqualTo("today, 01:00");
    assertThat(inSeoul.when(at("2026-12-02T14:00:00Z"))).isEqualTo("yesterday, 23:00");
  }
}
