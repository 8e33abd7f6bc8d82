import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import sun.util.locale.provider.LocaleProviderAdapter;

/**
 * Writes server/src/main/resources/static/zone-cities.tsv: for every IANA zone the JDK knows (as the "Your time"
 * page lists them), its CLDR exemplar city (the JDK's CLDR data; where CLDR has none, the city of the zone's id),
 * the country (the system's tzdata zone.tab, named by the JDK) and aliases: old ids of the zone (CLDR keys some
 * zones by them, e.g. Asia/Calcutta) and the big cities people type that have no zone of their own
 * (scripts/zone-aliases.tsv). Run from the repository's root when the JDK's tzdata changes:
 *
 *   java --add-exports java.base/sun.util.locale.provider=ALL-UNNAMED scripts/ZoneCities.java
 */
public class ZoneCities {
  public static void main(String[] args) throws Exception {
    var names = LocaleProviderAdapter.forType(LocaleProviderAdapter.Type.CLDR).getLocaleResources(Locale.ENGLISH);
    Map<String, String> country = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/usr/share/zoneinfo/zone.tab"))) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] f = line.split("\t");
      country.put(f[2], Locale.of("", f[0]).getDisplayCountry(Locale.ENGLISH));
    }
    Map<String, List<String>> extra = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("scripts/zone-aliases.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] f = line.split("\t");
      extra.put(f[0], Arrays.asList(f[1].split(",\\s*")));
    }
    // Old ids that name the same zone (Asia/Calcutta for Asia/Kolkata): CLDR keys its exemplar cities by some of them.
    Map<String, List<String>> oldIds = new HashMap<>();
    Set<String> all = ZoneId.getAvailableZoneIds();
    Map<String, String> links = new HashMap<>();
    Path backward = Path.of("/usr/share/zoneinfo/tzdata.zi");
    if (Files.exists(backward)) {
      for (String line : Files.readAllLines(backward)) {
        if (line.startsWith("L ")) {
          String[] f = line.split(" ");
          links.put(f[2], f[1]); // L target alias
        }
      }
    }
    links.forEach((alias, target) -> oldIds.computeIfAbsent(target, k -> new ArrayList<>()).add(alias));
    TreeMap<String, String> rows = new TreeMap<>();
    for (String zone : all) {
      if (!zone.contains("/") || zone.startsWith("Etc/") || zone.startsWith("SystemV/")) continue;
      if (links.containsKey(zone) && all.contains(links.get(zone))) continue; // an old name: its city is an alias of the zone it names
      String city = exemplar(names, zone);
      for (String old : oldIds.getOrDefault(zone, List.of())) if (city == null) city = exemplar(names, old);
      if (city == null) city = zone.substring(zone.lastIndexOf('/') + 1).replace('_', ' ');
      String target = links.getOrDefault(zone, zone);
      String land = country.getOrDefault(zone, country.getOrDefault(target, ""));
      Set<String> aliases = new LinkedHashSet<>(extra.getOrDefault(zone, List.of()));
      for (String old : oldIds.getOrDefault(zone, List.of())) {
        String oldCity = old.substring(old.lastIndexOf('/') + 1).replace('_', ' ');
        if (old.contains("/") && !oldCity.equalsIgnoreCase(city) && !old.startsWith("Etc/")) aliases.add(oldCity);
      }
      aliases.remove(city);
      rows.put(zone, zone + "\t" + city + "\t" + land + "\t" + String.join(", ", aliases));
    }
    StringBuilder out = new StringBuilder("# zone\texemplar city (CLDR)\tcountry\taliases; made by scripts/ZoneCities.java, do not edit\n");
    rows.values().forEach(r -> out.append(r).append('\n'));
    Files.writeString(Path.of("server/src/main/resources/static/zone-cities.tsv"), out);
    System.out.println(rows.size() + " zones");
  }

  private static String exemplar(sun.util.locale.provider.LocaleResources names, String zone) {
    Object o = names.getTimeZoneNames("timezone.excity." + zone);
    return o instanceof String s && !s.isBlank() ? s : null;
  }
}
