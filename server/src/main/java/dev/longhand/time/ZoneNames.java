package dev.longhand.time;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IANA time zones by the names people type: each zone's CLDR exemplar city ("Lisbon", "Ho Chi Minh City"), its
 * country, and aliases (cities without a zone of their own such as "San Francisco" or "Bengaluru", and old names
 * such as "Calcutta"). The data is {@code static/zone-cities.tsv}, made by {@code scripts/ZoneCities.java} from the
 * JDK's CLDR names and tzdata, and served as it is to the pages' script. Read once, from the class path.
 */
public final class ZoneNames {
  /** A zone as pickers list it. */
  public record Zone(ZoneId id, String city, String country, List<String> aliases) {
    /** "Kolkata, India · also Bengaluru, Bangalore, Mumbai": what a picker shows beside the zone's id. */
    public String label() {
      String where = country.isEmpty() ? city : city + ", " + country;
      List<String> shown = aliases.stream().filter(a -> !a.endsWith(" Time")).limit(6).toList();
      return shown.isEmpty() ? where : where + " · also " + String.join(", ", shown);
    }
  }

  public static final String RESOURCE = "/static/zone-cities.tsv";
  private static final List<Zone> ZONES = load();
  private static final Map<String, List<ZoneId>> BY_NAME = index(ZONES);
  private static final Set<String> IDS = ZoneId.getAvailableZoneIds();

  private ZoneNames() {}

  /** Every zone with a city, by id. */
  public static List<Zone> all() {
    return ZONES;
  }

  /**
   * The zone a person means by {@code typed}: a zone id ("Europe/Lisbon", in any case), a city or alias ("Lisbon",
   * "são paulo", "Bengaluru"), "City, Country", or a country that has one zone ("Japan"). Empty when it names none,
   * or several (a country with several zones, a city name two zones share).
   */
  public static Optional<ZoneId> find(String typed) {
    if (typed == null) return Optional.empty();
    String t = typed.strip();
    if (t.isEmpty()) return Optional.empty();
    if (t.contains("/") && IDS.contains(t)) return Optional.of(ZoneId.of(t));
    for (String id : IDS) if (id.contains("/") && id.equalsIgnoreCase(t)) return Optional.of(ZoneId.of(id));
    List<ZoneId> found = BY_NAME.getOrDefault(normal(t), List.of());
    if (found.isEmpty() && t.contains(",")) found = BY_NAME.getOrDefault(normal(t.substring(0, t.indexOf(','))), List.of());
    if (found.size() == 1) return Optional.of(found.get(0));
    // Ids without an area ("UTC", and old ones such as "Japan" or "Portugal") after the names, which are canonical.
    for (String id : IDS) if (id.equalsIgnoreCase(t)) return Optional.of(ZoneId.of(id));
    return Optional.empty();
  }

  /** Lower case, accents and punctuation gone, one space between words: "São Paulo" and "sao-paulo" are alike. */
  static String normal(String s) {
    String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static List<Zone> load() {
    try (InputStream in = ZoneNames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
      List<Zone> zones = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split("\t", -1);
        List<String> aliases = f[3].isBlank() ? List.of() : Arrays.stream(f[3].split(",\\s*")).toList();
        zones.add(new Zone(ZoneId.of(f[0]), f[1], f[2], aliases));
      }
      return List.copyOf(zones);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names to zones: cities and aliases first; a country only names its zones when nothing else has that name. */
  private static Map<String, List<ZoneId>> index(List<Zone> zones) {
    Map<String, List<ZoneId>> names = new HashMap<>();
    for (Zone z : zones) {
      add(names, normal(z.city()), z.id());
      add(names, normal(z.city() + " " + z.country()), z.id());
      for (String a : z.aliases()) add(names, normal(a), z.id());
    }
    Map<String, List<ZoneId>> countries = new HashMap<>();
    for (Zone z : zones) if (!z.country().isEmpty()) add(countries, normal(z.country()), z.id());
    countries.forEach(names::putIfAbsent);
    return names;
  }

  private static void add(Map<String, List<ZoneId>> names, String name, ZoneId id) {
    List<ZoneId> ids = names.computeIfAbsent(name, k -> new ArrayList<>());
    if (!ids.contains(id)) ids.add(id);
  }
}
