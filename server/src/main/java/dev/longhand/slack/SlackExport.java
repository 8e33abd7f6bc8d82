package dev.longhand.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A standard Slack export, read from its zip: {@code users.json}, {@code channels.json} (public channels),
 * {@code groups.json} (private channels), and one folder per channel holding one JSON file per day
 * ({@code 2026-01-31.json}, an array of messages). Direct messages ({@code dms.json}, {@code mpims.json}) are only
 * counted. A file's bytes are in the export when an exporter put them there: {@code __uploads/<file id>/<name>}
 * (slackdump's Mattermost layout) or {@code <channel>/attachments/<file id>-<name>} (its standard layout); Slack's
 * own exports hold links only. The zip may hold everything under one top folder.
 */
final class SlackExport implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DAY = Pattern.compile("([^/]+)/(\\d{4}-\\d{2}-\\d{2})\\.json");
  private static final Pattern UPLOAD = Pattern.compile("__uploads/([A-Za-z0-9]+)/[^/]+");
  private static final Pattern ATTACHMENT = Pattern.compile("[^/]+/attachments/([A-Za-z0-9]+)-[^/]+");

  /** {@code botId}: the bot id a bot user's messages carry instead of a user id. */
  record User(String id, String name, String realName, String email, String tz, boolean bot, boolean deleted,
              boolean guest, boolean admin, String botId) {}

  record Channel(String id, String name, boolean isPrivate, List<String> members, long createdMillis) {}

  record FileRef(String id, String name, String mode) {}

  record Reaction(String name, List<String> users) {}

  /** One message; {@code micros} is its {@code ts} in microseconds, {@code day} the day file it came from. */
  record Message(String ts, long micros, String day, String user, String botId, String botName, String text,
                 String subtype, String threadTs, List<FileRef> files, List<Reaction> reactions) {
    long millis() {
      return micros / 1000;
    }

    boolean isReply() {
      return threadTs != null && !threadTs.equals(ts);
    }
  }

  private final ZipFile zip;
  private final String prefix;
  private final List<User> users;
  private final List<Channel> channels;
  private final Map<String, TreeMap<String, ZipEntry>> days = new HashMap<>();
  private final Map<String, ZipEntry> fileBytes = new HashMap<>();
  private final Map<String, Integer> conversationsSkipped = new LinkedHashMap<>();

  private SlackExport(ZipFile zip, String prefix) throws IOException {
    this.zip = zip;
    this.prefix = prefix;
    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
      ZipEntry entry = e.nextElement();
      if (entry.isDirectory() || !entry.getName().startsWith(prefix)) continue;
      String name = entry.getName().substring(prefix.length());
      Matcher m = DAY.matcher(name);
      if (m.matches()) days.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), entry);
      Matcher u = UPLOAD.matcher(name);
      if (u.matches()) fileBytes.put(u.group(1), entry);
      Matcher a = ATTACHMENT.matcher(name);
      if (a.matches()) fileBytes.putIfAbsent(a.group(1), entry);
    }
    this.users = readUsers();
    List<Channel> all = new ArrayList<>(readChannels("channels.json", false));
    all.addAll(readChannels("groups.json", true));
    this.channels = List.copyOf(all);
    count("dms.json", "direct messages (dms.json)");
    count("mpims.json", "group direct messages (mpims.json)");
  }

  /** Opens an export; refused (IllegalArgumentException, naming the file) when it is no zip or no Slack export. */
  static SlackExport open(Path file) {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IllegalArgumentException(file + " is not a zip file (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    try {
      String prefix = null;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.equals("users.json") || name.endsWith("/users.json") && name.indexOf('/') == name.length() - 11) {
          prefix = name.substring(0, name.length() - "users.json".length());
          break;
        }
      }
      if (prefix == null) throw new IllegalArgumentException(file + " is not a Slack export: it has no users.json");
      return new SlackExport(zip, prefix);
    } catch (IOException | RuntimeException e) {
      try {
        zip.close();
      } catch (IOException ignored) {
        // already failing
      }
      if (e instanceof IllegalArgumentException iae) throw iae;
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  List<User> users() {
    return users;
  }

  List<Channel> channels() {
    return channels;
  }

  /** Conversations of kinds not imported, by kind: how many. */
  Map<String, Integer> conversationsSkipped() {
    return conversationsSkipped;
  }

  /** The day files of a channel (its folder is its name; some exporters use its id), oldest first. */
  List<ZipEntry> dayFiles(Channel c) {
    TreeMap<String, ZipEntry> byDay = days.getOrDefault(c.name(), days.getOrDefault(c.id(), new TreeMap<>()));
    return List.copyOf(byDay.values());
  }

  /** The day a day file holds, from its name. */
  static String dayOf(ZipEntry e) {
    String n = e.getName();
    return n.substring(n.length() - "yyyy-mm-dd.json".length(), n.length() - ".json".length());
  }

  /** The messages of one day file, as written; empty when it does not read as a JSON array. */
  Optional<List<Message>> messages(ZipEntry dayFile) {
    String day = dayOf(dayFile);
    JsonNode root;
    try (InputStream in = zip.getInputStream(dayFile)) {
      root = JSON.readTree(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isArray()) return Optional.empty();
    List<Message> out = new ArrayList<>();
    for (JsonNode m : root) {
      String ts = text(m, "ts");
      if (ts == null || micros(ts) < 0) continue;
      List<FileRef> files = new ArrayList<>();
      for (JsonNode f : m.path("files")) {
        files.add(new FileRef(text(f, "id"), Optional.ofNullable(text(f, "name")).orElse(text(f, "title")), text(f, "mode")));
      }
      List<Reaction> reactions = new ArrayList<>();
      for (JsonNode r : m.path("reactions")) {
        List<String> who = new ArrayList<>();
        r.path("users").forEach(u -> who.add(u.asText()));
        reactions.add(new Reaction(text(r, "name"), who));
      }
      String body = Optional.ofNullable(text(m, "text")).orElse("");
      if (body.isBlank()) body = fallback(m);
      String botName = Optional.ofNullable(text(m, "username")).orElse(text(m.path("bot_profile"), "name"));
      out.add(new Message(ts, micros(ts), day, text(m, "user"), text(m, "bot_id"), botName, body, text(m, "subtype"),
          text(m, "thread_ts"), files, reactions));
    }
    return Optional.of(out);
  }

  /** The bytes of a file, when the export holds them. */
  Optional<InputStream> fileBytes(String fileId) {
    ZipEntry e = fileId == null ? null : fileBytes.get(fileId);
    if (e == null) return Optional.empty();
    try {
      return Optional.of(zip.getInputStream(e));
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  /** {@code 1706700000.000100} in microseconds; -1 when it is not a Slack timestamp. */
  static long micros(String ts) {
    int dot = ts.indexOf('.');
    String secs = dot < 0 ? ts : ts.substring(0, dot);
    String frac = dot < 0 ? "" : ts.substring(dot + 1);
    if (secs.isEmpty() || secs.length() > 12 || frac.length() > 6 || !(secs + frac).chars().allMatch(Character::isDigit)) return -1;
    return Long.parseLong(secs) * 1_000_000 + (frac.isEmpty() ? 0 : Long.parseLong((frac + "000000").substring(0, 6)));
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<User> readUsers() throws IOException {
    List<User> out = new ArrayList<>();
    for (JsonNode u : array("users.json")) {
      JsonNode p = u.path("profile");
      String real = Optional.ofNullable(text(p, "real_name")).filter(s -> !s.isBlank()).orElse(text(u, "real_name"));
      String display = text(p, "display_name");
      String name = Optional.ofNullable(real).filter(s -> !s.isBlank())
          .orElse(Optional.ofNullable(display).filter(s -> !s.isBlank()).orElse(text(u, "name")));
      boolean bot = u.path("is_bot").asBoolean(false) || "USLACKBOT".equals(text(u, "id"));
      boolean guest = u.path("is_restricted").asBoolean(false) || u.path("is_ultra_restricted").asBoolean(false);
      boolean admin = u.path("is_admin").asBoolean(false) || u.path("is_owner").asBoolean(false);
      out.add(new User(text(u, "id"), text(u, "name"), name, text(p, "email"), text(u, "tz"), bot,
          u.path("deleted").asBoolean(false), guest, admin, text(p, "bot_id")));
    }
    out.removeIf(u -> u.id() == null);
    return out;
  }

  private List<Channel> readChannels(String file, boolean isPrivate) throws IOException {
    List<Channel> out = new ArrayList<>();
    if (zip.getEntry(prefix + file) == null) return out;
    for (JsonNode c : array(file)) {
      if (text(c, "id") == null || text(c, "name") == null) continue;
      List<String> members = new ArrayList<>();
      c.path("members").forEach(m -> members.add(m.asText()));
      out.add(new Channel(text(c, "id"), text(c, "name"), isPrivate, members, c.path("created").asLong(0) * 1000));
    }
    return out;
  }

  private void count(String file, String label) throws IOException {
    if (zip.getEntry(prefix + file) == null) return;
    conversationsSkipped.put(label, array(file).size());
  }

  private JsonNode array(String file) throws IOException {
    ZipEntry e = zip.getEntry(prefix + file);
    if (e == null) throw new IllegalArgumentException("not a Slack export: it has no " + file);
    JsonNode root;
    try (InputStream in = zip.getInputStream(e)) {
      root = JSON.readTree(in);
    } catch (IOException ex) {
      throw new IllegalArgumentException(file + " in the export does not read as JSON: " + ex.getMessage());
    }
    if (root == null || !root.isArray()) throw new IllegalArgumentException(file + " in the export is not a JSON array");
    return root;
  }

  /** What a message without text shows: the fallback of its attachments (bots often write only those). */
  private static String fallback(JsonNode m) {
    List<String> parts = new ArrayList<>();
    for (JsonNode a : m.path("attachments")) {
      String f = Optional.ofNullable(text(a, "fallback")).orElse(text(a, "text"));
      if (f != null && !f.isBlank()) parts.add(f);
    }
    return String.join("\n\n", parts);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
