package dev.longhand.slack;

import dev.longhand.config.Config;
import dev.longhand.file.FileIntake;
import dev.longhand.file.Storage;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.slack.SlackExport.Channel;
import dev.longhand.slack.SlackExport.Message;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.NodeLease;
import dev.longhand.store.Pipeline;
import dev.longhand.thread.ThreadSearch;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Imports a Slack export into a workspace, offline: straight into the database in batched transactions, then into
 * the search index. It appends no outbox events, so imported history notifies nobody, reaches no inbox and fires no
 * webhook; and it takes the search index's lock, so it refuses to run beside a server that uses the same data
 * directory. What each Slack id became is kept in {@code slack_imports}: a second run of the same export (or a later
 * export that overlaps it) adds only what is new.
 */
public final class SlackImport {
  /** What one run imports: into the workspace of that name owned by the account with that email. */
  public record Options(String workspace, String ownerEmail, Path zip) {}

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Config config;
  private final Storage storage;
  private final SlackImportStore store = new SlackImportStore();
  private final SlackSummary summary = new SlackSummary();

  private SlackImport(Database db, Ids ids, Clock clock, Config config, Storage storage) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.config = config;
    this.storage = storage;
  }

  /**
   * Runs an import against the database and data directory of {@code config}; {@code progress} shows a progress bar
   * (null: none). Bad input (no Slack export, no such owner) and a running server are refused before anything is written.
   */
  public static SlackSummary run(Config config, Options options, Clock clock, PrintStream progress) {
    String owner = options.ownerEmail() == null ? "" : options.ownerEmail().strip().toLowerCase(Locale.ROOT);
    String name = options.workspace() == null ? "" : options.workspace().strip();
    if (name.isEmpty() || name.length() > 100) throw new IllegalArgumentException("--workspace must be a name of 1 to 100 characters");
    if (owner.isEmpty()) throw new IllegalArgumentException("--owner must be the email of an account on this server");
    try (SlackExport export = SlackExport.open(options.zip());
         SearchIndex index = openIndex(config.dataDir());
         Database db = Database.open(config.jdbcUrl());
         Storage storage = Storage.open(config)) { // files go where the server keeps them: the data directory or the bucket
      db.migrate();
      NodeLease lease = NodeLease.take(db, clock); // beside a running server on the same database: never its ids
      db.closeWith(lease);
      SlackImport run = new SlackImport(db, lease.ids(), clock, config, storage);
      run.importAll(export, name, owner, index, progress);
      return run.summary;
    }
  }

  private static SearchIndex openIndex(Path dataDir) {
    try {
      return SearchIndex.openIn(dataDir);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("the search index in " + dataDir.resolve("search-index")
          + " is in use: is the server running? Stop it first; the import writes to the database and the index directly");
    }
  }

  private void importAll(SlackExport export, String workspaceName, String ownerEmail, SearchIndex index, PrintStream progress) {
    long started = System.nanoTime();
    long now = clock.millis();
    long ownerId = db.read(h -> store.accountByEmail(h, ownerEmail)).orElseThrow(() -> new IllegalArgumentException(
        "no account has the email " + ownerEmail + ": the owner must have an account on this server (sign up, then import again)"));
    long workspaceId = db.read(h -> store.workspaceOwnedBy(h, workspaceName, ownerId)).orElseGet(() -> {
      long id = ids.next();
      db.writeAll(h -> {
        Pipeline p = db.pipeline(h);
        store.insertWorkspace(p, id, workspaceName, ownerId, now);
        p.flush();
      });
      return id;
    });
    Map<String, Long> mappings = db.read(h -> store.mappings(h, workspaceId));
    SlackPeople people = new SlackPeople(db, ids, store, config.passwordCost(), workspaceId, now, mappings, summary);
    people.importUsers(export.users());
    export.conversationsSkipped().forEach((kind, n) -> summary.skip("conversations not imported: " + kind, n));

    Map<String, String> channelNames = new HashMap<>();
    export.channels().forEach(c -> channelNames.put(c.id(), c.name()));
    Map<Channel, Long> spaces = spaces(export.channels(), workspaceId, ownerId, people, mappings, now);

    long bytes = 0;
    for (Channel c : export.channels()) for (ZipEntry e : export.dayFiles(c)) bytes += Math.max(0, e.getSize());
    Set<Long> touched = new LinkedHashSet<>();
    try (ProgressBar bar = progress == null ? null : new ProgressBarBuilder().setTaskName("Importing")
        .setInitialMax(Math.max(1, bytes / 1024)).setUnit(" KB", 1).setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(progress)).setUpdateIntervalMillis(250).build()) {
      SlackPosts posts = new SlackPosts(db, ids, store, people, FileIntake.into(storage), config.maxFile(),
          workspaceId, mappings, summary, channelNames, now);
      for (Channel c : export.channels()) {
        List<Message> messages = new ArrayList<>();
        for (ZipEntry day : export.dayFiles(c)) {
          var read = export.messages(day);
          if (read.isEmpty()) summary.skip("day files that do not read as a list of messages");
          else messages.addAll(read.get());
          if (bar != null) {
            bar.stepBy(Math.max(0, day.getSize()) / 1024);
            bar.setExtraMessage(" " + c.name());
          }
        }
        summary.messagesSeen += messages.size();
        touched.addAll(posts.importChannel(c, spaces.get(c), messages, export));
      }
      if (bar != null) bar.stepTo(bar.getMax());
    }
    summary.writeNanos = System.nanoTime() - started;
    if (touched.isEmpty() || !index.isComplete()) return; // an incomplete index is rebuilt by the next server
    long indexing = System.nanoTime();
    try (ProgressBar bar = progress == null ? null : new ProgressBarBuilder().setTaskName("Indexing")
        .setInitialMax(touched.size()).setUnit(" threads", 1).setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(progress)).setUpdateIntervalMillis(250).build()) {
      SearchIndexer.index(db, index, ThreadSearch.ALL, touched, n -> {
        if (bar != null) bar.stepBy(n);
      });
    }
    summary.indexNanos = System.nanoTime() - indexing;
  }

  /** Each channel's space: found when imported before, else made (private channels private); members added either way. */
  private Map<Channel, Long> spaces(List<Channel> channels, long workspaceId, long ownerId, SlackPeople people,
      Map<String, Long> mappings, long now) {
    Map<Channel, Long> out = new HashMap<>();
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      List<Runnable> members = new ArrayList<>(); // queued after every space, whose rows they need
      for (Channel c : channels) {
        Long known = mappings.get("channel " + c.id());
        long id = known != null ? known : ids.next();
        if (known != null) {
          summary.again("spaces");
        } else {
          String name = c.name().length() > 100 ? c.name().substring(0, 100) : c.name();
          store.insertSpace(p, id, workspaceId, name, c.isPrivate() ? "private" : "public", ownerId, c.createdMillis() > 0 ? c.createdMillis() : now);
          store.map(p, workspaceId, "channel", c.id(), id, now);
          summary.spaces++;
        }
        for (String member : c.members()) {
          people.account(member).filter(people::isMember).ifPresent(a -> members.add(() -> store.addSpaceMember(p, id, workspaceId, a, now)));
        }
        out.put(c, id);
      }
      members.forEach(Runnable::run);
      if (!members.isEmpty()) store.readersChanged(p, workspaceId);
      p.flush();
    });
    return out;
  }
}
