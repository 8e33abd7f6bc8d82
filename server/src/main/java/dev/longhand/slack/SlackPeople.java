package dev.longhand.slack;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.longhand.config.Config;
import dev.longhand.slack.SlackExport.User;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Pipeline;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Slack's people as Longhand accounts. A person with an email address who is neither a bot nor deactivated becomes a
 * member of the workspace (Slack's guests as guests, its admins and owners as admins): an existing account with that
 * address is reused, else a new account is made with a password nobody knows, which its owner claims through
 * "Forgot password" with that address. Bots, deactivated people, people without an address and authors the export's
 * {@code users.json} does not list become accounts that cannot sign in (an address under {@code .invalid}, which no
 * mail reaches) and are no members: their posts keep their names, and nothing is delivered to them.
 */
final class SlackPeople {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Database db;
  private final Ids ids;
  private final SlackImportStore store;
  private final Config.PasswordCost cost;
  private final long workspaceId;
  private final long now;
  private final Map<String, Long> mappings;
  private final SlackSummary summary;
  /** Slack user id (or {@code bot:<bot id>}) to account id. */
  private final Map<String, Long> accounts = new HashMap<>();
  private final Map<Long, String> handles = new HashMap<>();
  private Map<Long, String> members = Map.of();
  private Set<String> taken;
  private String unusableHash;

  SlackPeople(Database db, Ids ids, SlackImportStore store, Config.PasswordCost cost, long workspaceId, long now,
      Map<String, Long> mappings, SlackSummary summary) {
    this.db = db;
    this.ids = ids;
    this.store = store;
    this.cost = cost;
    this.workspaceId = workspaceId;
    this.now = now;
    this.mappings = mappings;
    this.summary = summary;
  }

  /** The export's people: those imported before are found, the others made (one transaction). */
  void importUsers(List<User> users) {
    List<User> fresh = new ArrayList<>();
    for (User u : users) {
      Long known = mappings.get("user " + u.id());
      if (known != null) {
        accounts.put(u.id(), known);
        if (u.botId() != null) accounts.putIfAbsent("bot:" + u.botId(), known);
        summary.again("people");
      } else {
        fresh.add(u);
      }
    }
    List<String> emails = fresh.stream().filter(SlackPeople::claimable).map(u -> u.email().toLowerCase(Locale.ROOT)).toList();
    Map<String, Long> existing = new HashMap<>(db.read(h -> store.accountsByEmail(h, emails)));
    taken = db.read(store::handles);
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      List<Runnable> joins = new ArrayList<>(); // queued after every account, whose rows they need
      for (User u : fresh) {
        long id;
        if (claimable(u)) {
          String email = u.email().toLowerCase(Locale.ROOT);
          Long found = existing.get(email); // or made earlier in this run: an export may list an address twice
          if (found != null) {
            id = found;
            summary.peopleLinked++;
          } else {
            id = ids.next();
            store.insertAccount(p, id, email, name(u.realName(), u.name()), freeHandle(u.name(), u.realName()), hash(), zone(u.tz()), now);
            existing.put(email, id);
            summary.people++;
          }
          String role = u.guest() ? "guest" : u.admin() ? "admin" : "member";
          long joined = id;
          joins.add(() -> store.addMember(p, workspaceId, joined, role, now));
        } else {
          id = placeholder(p, u.id(), name(u.realName(), u.name()) + (u.bot() ? " (bot)" : u.deleted() ? " (deactivated)" : ""),
              u.name(), zone(u.tz()));
        }
        store.map(p, workspaceId, "user", u.id(), id, now);
        accounts.put(u.id(), id);
        if (u.botId() != null) accounts.putIfAbsent("bot:" + u.botId(), id); // a bot user's messages name its bot id
      }
      joins.forEach(Runnable::run);
      if (!joins.isEmpty()) store.readersChanged(p, workspaceId);
      p.flush();
    });
    refresh();
  }

  /**
   * Accounts for the authors and reactors of these messages that {@code users.json} did not list (bots that post
   * under a bot id, people of other workspaces), made before the messages are written.
   */
  void ensureAuthors(List<SlackExport.Message> messages) {
    Map<String, String> missing = new HashMap<>(); // key to name
    for (SlackExport.Message m : messages) {
      if (m.user() != null && !m.user().isBlank()) {
        if (!accounts.containsKey(m.user())) missing.putIfAbsent(m.user(), "Slack user " + m.user());
      } else if (m.botId() != null && !accounts.containsKey("bot:" + m.botId())) {
        Long known = mappings.get("user bot:" + m.botId());
        if (known != null) accounts.put("bot:" + m.botId(), known);
        else missing.putIfAbsent("bot:" + m.botId(), (m.botName() == null ? m.botId() : m.botName()) + " (bot)");
      }
      for (SlackExport.Reaction r : m.reactions()) {
        for (String u : r.users()) if (!accounts.containsKey(u)) missing.putIfAbsent(u, "Slack user " + u);
      }
    }
    missing.keySet().removeIf(k -> {
      Long known = mappings.get("user " + k);
      if (known != null) accounts.put(k, known);
      return known != null;
    });
    if (missing.isEmpty()) return;
    if (taken == null) taken = db.read(store::handles);
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      missing.forEach((key, name) -> {
        long id = placeholder(p, key, name, name, "UTC");
        store.map(p, workspaceId, "user", key, id, now);
        accounts.put(key, id);
      });
      p.flush();
    });
    refresh();
  }

  /** The account of a message's author (its user, else its bot), if known. */
  Optional<Long> author(SlackExport.Message m) {
    if (m.user() != null && !m.user().isBlank()) return Optional.ofNullable(accounts.get(m.user()));
    if (m.botId() != null) return Optional.ofNullable(accounts.get("bot:" + m.botId()));
    return Optional.empty();
  }

  Optional<Long> account(String slackUserId) {
    return Optional.ofNullable(accounts.get(slackUserId));
  }

  Optional<String> handle(String slackUserId) {
    return account(slackUserId).map(handles::get);
  }

  String handleOf(long accountId) {
    return handles.get(accountId);
  }

  boolean isMember(long accountId) {
    return members.containsKey(accountId);
  }

  private void refresh() {
    handles.putAll(db.read(h -> store.handlesOf(h, accounts.values())));
    members = db.read(h -> store.members(h, workspaceId));
  }

  private long placeholder(Pipeline p, String key, String name, String handleBase, String zone) {
    long id = ids.next();
    String email = "slack-" + key.replaceAll("[^A-Za-z0-9]", "-").toLowerCase(Locale.ROOT) + "." + workspaceId + "@import.invalid";
    store.insertAccount(p, id, email, name, freeHandle(handleBase, name), hash(), zone, now);
    summary.placeholders++;
    return id;
  }

  private static boolean claimable(User u) {
    return !u.bot() && !u.deleted() && u.email() != null && EMAIL.matcher(u.email()).matches() && u.email().length() <= 320;
  }

  private static String name(String real, String username) {
    String n = real != null && !real.isBlank() ? real.strip() : username != null ? username : "Slack user";
    return n.length() > 80 ? n.substring(0, 80) : n;
  }

  /** A handle from Slack's username (else the name), free among all accounts, as sign-up makes them. */
  private String freeHandle(String username, String name) {
    String base = username == null ? "" : username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (base.isEmpty() && name != null) base = name.toLowerCase(Locale.ROOT).split("\\s+")[0].replaceAll("[^a-z0-9]", "");
    if (base.isEmpty()) base = "person";
    if (base.length() > 30) base = base.substring(0, 30);
    String handle = base;
    for (int n = 2; taken.contains(handle); n++) handle = base + n;
    taken.add(handle);
    return handle;
  }

  private static String zone(String tz) {
    if (tz == null || tz.isBlank()) return "UTC";
    try {
      return ZoneId.of(tz).getId();
    } catch (RuntimeException e) {
      return "UTC";
    }
  }

  /**
   * A real argon2id hash (sign-in checks every stored hash) of a secret made here and never kept: no password opens
   * these accounts until their owners set one through a reset link. One hash serves the whole run.
   */
  private String hash() {
    if (unusableHash == null) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      unusableHash = Password.hash(HexFormat.of().formatHex(secret)).addRandomSalt(16)
          .with(Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), cost.parallelism(), 32, Argon2.ID)).getResult();
    }
    return unusableHash;
  }
}
