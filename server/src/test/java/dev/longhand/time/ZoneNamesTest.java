package dev.longhand.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Time zones found by the city people live in, as the hint on the zone fields promises. */
class ZoneNamesTest {

  @Test
  void citiesAliasesAndCountriesNameTheirZones() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("Lisbon", "Europe/Lisbon"), Map.entry("Seoul", "Asia/Seoul"), Map.entry("Denver", "America/Denver"),
        Map.entry("New York", "America/New_York"), Map.entry("new york", "America/New_York"),
        Map.entry("Bangalore", "Asia/Kolkata"), Map.entry("Bengaluru", "Asia/Kolkata"), Map.entry("Calcutta", "Asia/Kolkata"),
        Map.entry("San Francisco", "America/Los_Angeles"), Map.entry("são paulo", "America/Sao_Paulo"),
        Map.entry("Sao-Paulo", "America/Sao_Paulo"), Map.entry("Ho Chi Minh City", "Asia/Ho_Chi_Minh"), Map.entry("Saigon", "Asia/Ho_Chi_Minh"),
        Map.entry("Kiev", "Europe/Kyiv"), Map.entry("Munich", "Europe/Berlin"), Map.entry("Lisbon, Portugal", "Europe/Lisbon"),
        Map.entry("Japan", "Asia/Tokyo"), Map.entry("Europe/Lisbon", "Europe/Lisbon"), Map.entry("europe/lisbon", "Europe/Lisbon"),
        Map.entry("  Seoul ", "Asia/Seoul"), Map.entry("UTC", "UTC"));
    cases.forEach((typed, zone) -> assertThat(ZoneNames.find(typed)).as(typed).contains(ZoneId.of(zone)));
  }

  @Test
  void namesThatMeanNoneOrSeveralFindNothing() {
    assertThat(ZoneNames.find("Atlantis")).isEmpty();
    assertThat(ZoneNames.find("")).isEmpty();
    assertThat(ZoneNames.find(null)).isEmpty();
    assertThat(ZoneNames.find("United States")).as("a country with many zones").isEmpty();
  }

  @Test
  void everyCanonicalZoneHasACityAndTheListShowsIt() {
    Set<String> listed = ZoneNames.all().stream().map(z -> z.id().getId()).collect(Collectors.toSet());
    assertThat(listed).contains("Europe/Lisbon", "Asia/Seoul", "America/Denver", "Asia/Kolkata", "America/Indiana/Knox").hasSizeGreaterThan(300);
    assertThat(ZoneNames.all()).allSatisfy(z -> assertThat(z.city()).isNotBlank());
    var kolkata = ZoneNames.all().stream().filter(z -> z.id().getId().equals("Asia/Kolkata")).findFirst().orElseThrow();
    assertThat(kolkata.label()).startsWith("Kolkata, India · also Bengaluru, Bangalore");
    var knox = ZoneNames.all().stream().filter(z -> z.id().getId().equals("America/Indiana/Knox")).findFirst().orElseThrow();
    assertThat(knox.city()).isEqualTo("Knox, Indiana"); // CLDR's exemplar city, not the id's last part
  }
}
