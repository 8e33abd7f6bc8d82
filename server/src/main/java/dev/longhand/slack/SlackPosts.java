package dev.longhand.slack;

import dev.longhand.file.FileIntake;
import dev.longhand.file.StoredFile;
import dev.longhand.markdown.Markdown;
import dev.longhand.slack.SlackExport.Channel;
import dev.longhand.slack.SlackExport.Message;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Pipeline;
import dev.longhand.thread.Reactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A channel's messages as threads and replies (see {@link SlackThreads}), written a few thousand posts per
 * transaction: every row of a transaction is queued on one {@link Pipeline} and sent as multi-row statements, kind by
 * kind (files, threads, replies, counts, mentions, reactions, the mapping), so the foreign keys always find their rows.
 * Bodies are rendered to HTML before the transaction, as a post written now would be.
 */
final class SlackPosts {
  private static final int POSTS_PER_TRANSACTION = 2_000;
  private static final Set<String> IMPORTED = Set.of("thread_broadcast", "me_message", "file_share", "bot_message", "reply_broadcast");
  private static final Set<String> CHANNEL_EVENTS = Set.of("channel_join", "channel_leave", "channel_topic", "channel_purpose",
      "channel_name", "channel_archive", "channel_unarchive", "group_join", "group_leave", "group_topic", "group_purpose",
      "group_name", "group_archive", "group_unarchive", "pinned_item", "unpinned_item", "channel_convert_to_private",
      "channel_convert_to_public", "bot_add", "bot_remove", "bot_enable", "bot_disable");
  /** Slack's reaction names for the emoji Longhand offers. */
  private static final Map<String, String> EMOJI = Map.ofEntries(
      Map.entry("+1", "thumbsup"), Map.entry("thumbsup", "thumbsup"), Map.entry("thumbs_up", "thumbsup"),
      Map.entry("tada", "tada"), Map.entry("heart", "heart"), Map.entry("eyes", "eyes"),
      Map.entry("white_check_mark", "check"), Map.entry("heavy_check_mark", "check"), Map.entry("ballot_box_with_check", "check"),
      Map.entry("smile", "smile"), Map.entry("smiley", "smile"), Map.entry("grinning", "smile"),
      Map.entry("slightly_smiling_face", "smile"), Map.entry("simple_smile", "smile"), Map.entry("pray", "pray"));
  private static final java.util.regex.Pattern SKIN_TONE = java.util.regex.Pattern.compile("::skin-tone-\\d$");
  private static final DateTimeFormatter DAY_TITLE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

  private final Database db;
  private final Ids ids;
  private final SlackImportStore store;
  private final SlackPeople people;
  private final FileIntake files;
  private final long maxFileBytes;
  private final long workspaceId;
  private final Map<String, Long> mappings;
  private final SlackSummary summary;
  private final Map<String, String> channelNames;
  private final long now;
  private final Markdown markdown = new Markdown();

  SlackPosts(Database db, Ids ids, SlackImportStore store, SlackPeople people, FileIntake files, long maxFileBytes,
      long workspaceId, Map<String, Long> mappings, SlackSummary summary, Map<String, String> channelNames, long now) {
    this.db = db;
    this.ids = ids;
    this.store = store;
    this.people = people;
    this.files = files;
    this.maxFileBytes = maxFileBytes;
    this.workspaceId = workspaceId;
    this.mappings = mappings;
    this.summary = summary;
    this.channelNames = channelNames;
    this.now = now;
  }

  /** One row of a transaction. */
  private record NewThread(long id, long spaceId, long authorId, String title, String body, String html, long at, long last, int replies) {}

  private record NewReply(long id, long threadId, long spaceId, long authorId, String body, String html, long at) {}

  private record Bump(long threadId, int replies, long last) {}

  private record Row(long postId, long accountId, long threadId, long at, String emoji) {}

  private record Mapping(String kind, String slackId, long id) {}

  /** A transaction's worth of rows. */
  private static final class Batch {
    final List<StoredFile> files = new ArrayList<>();
    final List<NewThread> threads = new ArrayList<>();
    final List<NewReply> replies = new ArrayList<>();
    final List<Bump> bumps = new ArrayList<>();
    final List<Row> mentions = new ArrayList<>();
    final List<Row> reactions = new ArrayList<>();
    final List<Mapping> mappings = new ArrayList<>();
    int posts;
  }

  /** Imports a channel's messages into its space; answers the threads written to (for the index). */
  Set<Long> importChannel(Channel c, long spaceId, List<Message> messages, SlackExport export) {
    List<Message> importable = new ArrayList<>();
    for (Message m : messages) {
      String sub = m.subtype();
      if (sub == null || sub.isEmpty() || IMPORTED.contains(sub)) importable.add(m);
      else if (CHANNEL_EVENTS.contains(sub)) summary.skip("channel events: " + sub);
      else if (sub.equals("tombstone")) summary.skip("messages deleted in Slack (tombstone)");
      else summary.skip("unknown message subtype: " + sub);
    }
    people.ensureAuthors(importable);
    Set<Long> readers = db.read(h -> store.readers(h, spaceId, workspaceId, c.isPrivate()));
    Set<Long> touched = new LinkedHashSet<>();
    Batch batch = new Batch();
    for (SlackThreads.Group g : SlackThreads.group(importable)) {
      String groupKind = g.kind() == SlackThreads.Kind.THREAD ? "thread" : "day";
      Long threadId = mappings.get(groupKind + " " + g.slackId(c.id()));
      List<Post> fresh = new ArrayList<>();
      for (Message m : g.posts()) {
        if (mappings.containsKey("message " + c.id() + "/" + m.ts())) {
          summary.again("messages");
          continue;
        }
        Optional<Post> p = post(c, spaceId, m, export, batch);
        p.ifPresent(fresh::add);
      }
      if (fresh.isEmpty()) continue;
      long tid;
      List<Post> replies;
      if (threadId == null) {
        Post opening = fresh.get(0);
        tid = opening.id;
        String title = g.kind() == SlackThreads.Kind.DAY ? "#" + c.name() + " on " + LocalDate.parse(g.key()).format(DAY_TITLE)
            : SlackText.title(opening.body);
        if (title.isBlank()) title = "#" + c.name() + " on " + Instant.ofEpochMilli(opening.at).atZone(ZoneOffset.UTC).format(DAY_TITLE);
        if (title.length() > 200) title = title.substring(0, 199) + "\u2026";
        replies = fresh.subList(1, fresh.size());
        long last = fresh.stream().mapToLong(p -> p.at).max().orElse(opening.at);
        batch.threads.add(new NewThread(tid, spaceId, opening.authorId, title, opening.body, opening.html, opening.at, last, replies.size()));
        batch.mappings.add(new Mapping(groupKind, g.slackId(c.id()), tid));
        mappings.put(groupKind + " " + g.slackId(c.id()), tid);
        summary.threads++;
        rows(batch, opening, tid, readers);
      } else {
        tid = threadId;
        replies = fresh;
        batch.bumps.add(new Bump(tid, fresh.size(), fresh.stream().mapToLong(p -> p.at).max().orElse(0)));
      }
      for (Post r : replies) {
        batch.replies.add(new NewReply(r.id, tid, spaceId, r.authorId, r.body, r.html, r.at));
        summary.replies++;
        rows(batch, r, tid, readers);
      }
      touched.add(tid);
      batch.posts += fresh.size();
      if (batch.posts >= POSTS_PER_TRANSACTION) {
        write(batch);
        batch = new Batch();
      }
    }
    write(batch);
    return touched;
  }

  /** A post about to be written: its id (given in Slack's order), author, time, Markdown and HTML. */
  private static final class Post {
    long id;
    long authorId;
    long at;
    String channelId;
    String ts;
    String body;
    String html;
    Set<Long> mentioned = Set.of();
    Message message;
  }

  private Optional<Post> post(Channel c, long spaceId, Message m, SlackExport export, Batch batch) {
    Optional<Long> author = people.author(m);
    if (author.isEmpty()) {
      summary.skip("messages without an author");
      return Optional.empty();
    }
    SlackText.Converted text = SlackText.convert(m.text(), people::handle, id -> Optional.ofNullable(channelNames.get(id)));
    StringBuilder body = new StringBuilder(text.markdown());
    if ("me_message".equals(m.subtype()) && body.length() > 0) body.insert(0, '_').append('_');
    long at = m.millis();
    for (SlackExport.FileRef f : m.files()) {
      String name = f.name() == null || f.name().isBlank() ? "file" : f.name();
      if ("tombstone".equals(f.mode()) || "hidden_by_limit".equals(f.mode())) {
        summary.skip("files deleted or hidden in Slack");
        continue;
      }
      Optional<InputStream> bytes = export.fileBytes(f.id());
      if (bytes.isEmpty()) {
        summary.skip("files without their bytes in the export");
        summary.skippedFiles.add(name + " (#" + c.name() + ", " + m.day() + ")");
        continue;
      }
      try (InputStream in = bytes.get()) {
        StoredFile stored = files.store(in, name, ids.next(), workspaceId, spaceId, author.get(), at, maxFileBytes);
        batch.files.add(stored);
        if (body.length() > 0) body.append("\n\n");
        body.append(stored.markdown());
        summary.files++;
      } catch (FileIntake.Refused e) {
        summary.skip("files refused (" + e.getMessage() + ")");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (body.toString().isBlank()) {
      summary.skip("messages with nothing in them");
      return Optional.empty();
    }
    Post p = new Post();
    p.id = ids.next();
    p.authorId = author.get();
    p.at = at;
    p.channelId = c.id();
    p.ts = m.ts();
    p.body = body.toString();
    p.message = m;
    Set<String> chips = new HashSet<>();
    Set<Long> mentioned = new LinkedHashSet<>();
    for (String slackId : text.mentioned()) {
      people.account(slackId).filter(people::isMember).ifPresent(a -> {
        chips.add(people.handleOf(a));
        mentioned.add(a);
      });
    }
    p.mentioned = mentioned;
    p.html = markdown.toHtml(p.body, chips);
    return Optional.of(p);
  }

  /** A post's mentions (of readers of the space, not its author), reactions and mapping row. */
  private void rows(Batch batch, Post p, long threadId, Set<Long> readers) {
    for (long a : p.mentioned) {
      if (a != p.authorId && readers.contains(a)) {
        batch.mentions.add(new Row(p.id, a, threadId, p.at, null));
        summary.mentions++;
      }
    }
    Set<String> seen = new HashSet<>();
    for (SlackExport.Reaction r : p.message.reactions()) {
      String name = r.name() == null ? "" : SKIN_TONE.matcher(r.name()).replaceFirst("");
      String ours = EMOJI.get(name);
      if (ours == null) {
        summary.skip("reactions with no Longhand emoji: :" + name + ":", r.users().size());
        continue;
      }
      String glyph = Reactions.ALLOWED.get(ours);
      for (String u : r.users()) {
        people.account(u).filter(a -> seen.add(a + " " + glyph)).ifPresent(a -> {
          batch.reactions.add(new Row(p.id, a, threadId, p.at, glyph));
          summary.reactions++;
        });
      }
    }
    batch.mappings.add(new Mapping("message", p.channelId + "/" + p.ts, p.id));
  }

  private void write(Batch b) {
    if (b.threads.isEmpty() && b.replies.isEmpty() && b.files.isEmpty()) return;
    try {
      db.writeAll(h -> {
        Pipeline p = db.pipeline(h);
        for (StoredFile f : b.files) store.insertFile(p, f);
        for (NewThread t : b.threads) {
          store.insertThread(p, t.id, workspaceId, t.spaceId, t.authorId, t.title, t.body, t.html, Markdown.VERSION, t.at, t.last, t.replies);
        }
        for (NewReply r : b.replies) {
          store.insertReply(p, r.id, workspaceId, r.spaceId, r.threadId, r.authorId, r.body, r.html, Markdown.VERSION, r.at);
        }
        for (Bump x : b.bumps) store.addToThread(p, x.threadId, x.replies, x.last);
        for (Row m : b.mentions) store.insertMention(p, m.postId, m.accountId, m.threadId, workspaceId, m.at);
        for (Row r : b.reactions) store.insertReaction(p, r.postId, r.accountId, r.emoji, r.threadId, workspaceId, r.at);
        for (Mapping m : b.mappings) store.map(p, workspaceId, m.kind, m.slackId, m.id, now);
        p.flush();
      });
    } catch (RuntimeException e) {
      b.files.forEach(files::forget);
      throw e;
    }
  }
}
