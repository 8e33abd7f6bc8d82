package dev.longhand.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * A small Slack export written as Slack writes one: people (two who already have accounts, two new, a bot, a
 * deactivated one), a public channel with a Slack thread, loose messages over two days, mentions, a reaction Longhand
 * has and one it has not, a join event and an unknown subtype, a file with its bytes and one without, a bot's post;
 * an empty public channel; a private channel; one direct message conversation.
 */
final class SlackFixture {
  static final String PARENT_TS = "1769767200.000100"; // 2026-01-30 10:00 UTC
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackFixture() {}

  /** The export; {@code anaEmail} and {@code boEmail} are accounts the server has, {@code tag} makes new addresses unique. */
  static Path write(Path dir, String anaEmail, String boEmail, String tag) throws IOException {
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("users.json", List.of(
        user("U1", "ana", "Ana Import", anaEmail, Map.of()),
        user("U2", "bo", "Bo Import", boEmail, Map.of()),
        user("U3", "dana.k", "Dana Kim", "dana-" + tag + "@example.test", Map.of("tz", "America/New_York")),
        user("U4", "erin", "Erin Guest", "erin-" + tag + "@example.test", Map.of("is_restricted", true)),
        Map.of("id", "UB", "name", "deploybot", "is_bot", true, "profile", Map.of("real_name", "Deploy Bot", "bot_id", "B1")),
        user("U5", "fred", "Fred Gone", "fred-" + tag + "@example.test", Map.of("deleted", true))));
    files.put("channels.json", List.of(
        Map.of("id", "C1", "name", "general", "created", 1700000000, "members", List.of("U1", "U2", "U3", "U4", "U5")),
        Map.of("id", "C2", "name", "random", "created", 1700000000, "members", List.of("U1", "U2"))));
    files.put("groups.json", List.of(
        Map.of("id", "G1", "name", "secret-plans", "created", 1700000000, "members", List.of("U2", "U3"))));
    files.put("dms.json", List.of(Map.of("id", "D1", "members", List.of("U1", "U2"))));
    files.put("general/2026-01-30.json", List.of(
        Map.of("type", "message", "subtype", "channel_join", "ts", "1769760000.000001", "user", "U3", "text", "<@U3> has joined the channel"),
        message(PARENT_TS, "U1", "Launch plan for *Q2*\nDetails follow, <@U2> please review &amp; comment",
            Map.of("thread_ts", PARENT_TS, "reply_count", 3, "reactions", List.of(
                Map.of("name", "+1", "users", List.of("U2", "U3"), "count", 2),
                Map.of("name", "rocket", "users", List.of("U3"), "count", 1)))),
        message("1769768000.000400", "U4", "On it, <@U3> takes the numbers", Map.of("thread_ts", PARENT_TS, "parent_user_id", "U1")),
        message("1769769000.000500", "U3", "Numbers are in", Map.of("thread_ts", PARENT_TS, "parent_user_id", "U1")),
        message("1769770800.000200", "U2", "Morning all, see <https://example.com/doc|the doc> in <#C2|random>", Map.of()),
        message("1769772000.000250", "U2", "huddle ended", Map.of("subtype", "huddle_thread")),
        message("1769774400.000300", "U3", "Coffee?", Map.of())));
    files.put("general/2026-01-31.json", List.of(
        message("1769850000.000600", "U2", "Done, shipping", Map.of("thread_ts", PARENT_TS, "parent_user_id", "U1")),
        message("1769853600.000700", "U1", "Second day notes: zebra crossing repainted", Map.of()),
        Map.of("type", "message", "subtype", "bot_message", "ts", "1769854000.000800", "bot_id", "B1", "username", "deploybot",
            "text", "Deployed build 42"),
        message("1769855000.000900", "U2", "Screenshot of the dashboard", Map.of("subtype", "file_share",
            "files", List.of(Map.of("id", "F1", "name", "dashboard.png", "mimetype", "image/png", "mode", "hosted")))),
        message("1769856000.001000", "U3", "Spec attached", Map.of(
            "files", List.of(Map.of("id", "F2", "name", "spec.pdf", "mimetype", "application/pdf", "mode", "hosted"))))));
    files.put("secret-plans/2026-01-30.json", List.of(
        message("1769780000.000100", "U2", "The surprise party is on Friday: pineapple cake", Map.of())));
    Path zip = dir.resolve("slack-export.zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, Object> f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(f.getKey()));
        z.write(JSON.writeValueAsBytes(f.getValue()));
        z.closeEntry();
      }
      z.putNextEntry(new ZipEntry("__uploads/F1/dashboard.png"));
      z.write(png());
      z.closeEntry();
    }
    return zip;
  }

  private static Map<String, Object> user(String id, String name, String realName, String email, Map<String, Object> more) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", id);
    u.put("name", name);
    u.put("real_name", realName);
    u.put("profile", Map.of("real_name", realName, "display_name", name, "email", email));
    u.putAll(more);
    return u;
  }

  private static Map<String, Object> message(String ts, String user, String text, Map<String, Object> more) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("ts", ts);
    m.put("user", user);
    m.put("text", text);
    m.putAll(more);
    return m;
  }

  private static byte[] png() throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xff0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
