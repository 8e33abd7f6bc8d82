package dev.longhand.bench;

import dev.longhand.Longhand;
import dev.longhand.bench.BenchDatabase.Kind;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import dev.longhand.config.SmtpUrl;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.statement.PreparedBatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 17's digest bar: the morning digests of {@code --people} (100,000) composed and queued in under a minute.
 * The people, their memberships, delivery policies, pending digests and the day's content (new threads in the
 * workspace's public space, and a few ambient notifications each) are written straight into the tables; then every
 * pending digest is made due at once and the server's own due work composes them (every digest source, the in-app
 * digest and its notification, the email queued as due work of kind {@code mail}, the next digest scheduled), timed
 * until no digest is left due. Email is on, pointed at a closed port on this machine: the mail is queued, never sent
 * (its sending comes after the digests, and the server is stopped before).
 */
@Command(name = "longhand bench digests", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Composing and queuing the morning digests of 100,000 people.")
public final class DigestBench implements Callable<Integer> {
  static final double BAR_SECONDS = 60;

  @Option(names = "--db", defaultValue = "both", description = "sqlite, postgresql or both (default: ${DEFAULT-VALUE})")
  LoadDriver.Target db;

  @Option(names = "--people", defaultValue = "100000", description = "people with a digest due (default: ${DEFAULT-VALUE})")
  int people;

  @Option(names = "--new-threads", defaultValue = "10", description = "threads started in the public space since the last digests (default: ${DEFAULT-VALUE})")
  int newThreads;

  @Option(names = "--notifications", defaultValue = "3", description = "ambient notifications per person waiting for the digest (default: ${DEFAULT-VALUE})")
  int notifications;

  @Option(names = "--timeout", defaultValue = "30m", converter = LoadDriver.DurationConverter.class,
      description = "longest wait for the digests, e.g. 10m (default: ${DEFAULT-VALUE})")
  Duration timeout;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DigestBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  record Result(String db, double seedSeconds, double seconds, long digests, long mails, long due, long peakMb, String failure) {
    double perSecond() {
      return seconds == 0 ? 0 : digests / seconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (people < 1 || newThreads < 1 || notifications < 0) {
      System.err.println("bench digests: need positive --people and --new-threads");
      return 2;
    }
    String loadBefore = LoadDriver.loadAverage();
    List<Result> results = new ArrayList<>();
    for (Kind kind : db.kinds()) results.add(measure(kind));
    Report.save("digests", markdown(results, loadBefore, LoadDriver.loadAverage()));
    return results.stream().allMatch(r -> r.failure() == null) ? 0 : 1;
  }

  private Result measure(Kind kind) {
    String label = kind == Kind.SQLITE ? "sqlite" : "postgresql";
    double seedSeconds = 0;
    try (BenchDatabase target = BenchDatabase.create(kind)) {
      Config config = new Config(0, target.dataDir(), target.serverUrl(), "", "127.0.0.1", false)
          .withOperations(Operations.DEFAULTS.withRateLimitScale(0))
          .withMail(SmtpUrl.parse("smtp://127.0.0.1:" + closedPort() + "?starttls=false", "LONGHAND_SMTP_URL"), "bench@longhand.test");
      try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
        LoadRun.Team team = LoadRun.setUp("http://127.0.0.1:" + server.port(), 4);
        say(label, "writing " + people + " people with their digests pending");
        long t0 = System.nanoTime();
        long now = System.currentTimeMillis();
        seed(server.database(), team, now);
        seedSeconds = (System.nanoTime() - t0) / 1e9;
        long due = now - 1000;
        long made = server.database().write(h -> DigestBenchStore.makeDue(h, due));
        say(label, made + " digests due; composing");
        long t1 = System.nanoTime();
        server.clockMoved();
        long deadline = t1 + timeout.toNanos();
        long left = made;
        long lastSaid = t1;
        while (left > 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
          if (!server.database().read(h -> DigestBenchStore.anyDigestDue(h, due))) left = 0;
          else if (System.nanoTime() - lastSaid > 10_000_000_000L) { // the count only now and then: it is not free
            left = server.database().read(h -> DigestBenchStore.digestsDue(h, due));
            say(label, (made - left) + " composed");
            lastSaid = System.nanoTime();
          }
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        if (left > 0) left = server.database().read(h -> DigestBenchStore.digestsDue(h, due));
        long digests = server.database().read(DigestBenchStore::digests);
        long mails = server.database().read(DigestBenchStore::mails);
        say(label, String.format("%d digests and %d mails queued in %.1f s; %d still due", digests, mails, seconds, left));
        return new Result(label, seedSeconds, seconds, digests, mails, left, Memory.peakResidentMb(),
            left > 0 ? left + " digests still due after " + timeout : null);
      }
    } catch (Exception e) {
      say(label, "failed: " + e);
      return new Result(label, seedSeconds, 0, 0, 0, 0, Memory.peakResidentMb(), e.toString());
    }
  }

  /** People, memberships, policies and pending digests (due tomorrow until made due), the day's threads and notices. */
  private void seed(Database db, LoadRun.Team team, long now) {
    Ids ids = new Ids(Clock.systemUTC(), 9);
    long workspace = Long.parseLong(team.workspaceId());
    long space = Long.parseLong(team.spaceId());
    long lastDigest = now - Duration.ofDays(1).toMillis();
    long tomorrow = now + Duration.ofDays(1).toMillis();
    SplittableRandom random = new SplittableRandom(17);
    List<String> zones = List.of("Europe/Lisbon", "America/New_York", "Asia/Seoul", "UTC", "Europe/Berlin", "America/Los_Angeles");
    db.writeAll(h -> {
      PreparedBatch threads = h.prepareBatch("""
          INSERT INTO threads (id, workspace_id, space_id, author_id, title, body, created_at, last_activity_at, reply_count, posts)
          VALUES (:id, :ws, :space, :author, :title, :body, :at, :at, 0, 1)""");
      for (int i = 0; i < newThreads; i++) {
        long at = lastDigest + (i + 1) * (now - lastDigest) / (newThreads + 1);
        threads.bind("id", ids.next()).bind("ws", workspace).bind("space", space).bind("author", team.memberIds().get(i % team.memberIds().size()))
            .bind("title", "Thread " + i + ": " + SearchBench.sentence(random, 3, 6)).bind("body", SearchBench.sentence(random, 20, 60))
            .bind("at", at).add();
      }
      threads.execute();
    });
    for (int done = 0; done < people; ) {
      int batch = Math.min(2000, people - done);
      int from = done;
      db.writeAll(h -> {
        PreparedBatch accounts = h.prepareBatch("INSERT INTO accounts (id, email, name, handle, password_hash, time_zone, created_at) "
            + "VALUES (:id, :email, :name, :handle, 'none', :zone, :at)");
        PreparedBatch members = h.prepareBatch("INSERT INTO workspace_members (workspace_id, account_id, role, joined_at) VALUES (:ws, :id, 'member', :at)");
        PreparedBatch policies = h.prepareBatch("INSERT INTO delivery_policies (account_id, digest_times, email_digests, last_digest_at, next_digest_at) "
            + "VALUES (:id, '09:00', 1, :last, :next)");
        PreparedBatch pending = h.prepareBatch("INSERT INTO due_work (id, kind, subject_id, due_at, payload, attempts, created_at) "
            + "VALUES (:id, 'digest', :account, :next, '', 0, :at)");
        PreparedBatch notices = h.prepareBatch("INSERT INTO notifications (id, recipient_id, workspace_id, level, kind, thread_id, actor_id, text, created_at) "
            + "VALUES (:id, :to, :ws, 'ambient', 'reply', 0, :actor, :text, :at)");
        for (int i = from; i < from + batch; i++) {
          long id = ids.next();
          accounts.bind("id", id).bind("email", "person" + i + "@digests.test").bind("name", "Person " + i).bind("handle", "person" + i)
              .bind("zone", zones.get(i % zones.size())).bind("at", lastDigest - 1000).add();
          members.bind("ws", workspace).bind("id", id).bind("at", lastDigest - 1000).add();
          policies.bind("id", id).bind("last", lastDigest).bind("next", tomorrow).add();
          pending.bind("id", ids.next()).bind("account", id).bind("next", tomorrow).bind("at", lastDigest).add();
          for (int n = 0; n < notifications; n++) {
            notices.bind("id", ids.next()).bind("to", id).bind("ws", workspace).bind("actor", team.memberIds().get(n % team.memberIds().size()))
                .bind("text", "Someone replied in “" + SearchBench.sentence(random, 2, 5) + "”").bind("at", now - (n + 1) * 60_000L).add();
          }
        }
        accounts.execute();
        members.execute();
        policies.execute();
        pending.execute();
        if (notifications > 0) notices.execute();
      });
      done += batch;
      if (done % 20_000 == 0) say("write", done + " people");
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort(); // closed again at once: connecting to it is refused
    }
  }

  private String markdown(List<Result> results, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder("# Longhand digest benchmark (" + people + " morning digests)\n\n");
    out.append("- date: ").append(LocalDateTime.now().withNano(0)).append('\n');
    out.append("- commit: ").append(LoadDriver.gitCommit()).append('\n');
    out.append("- cpus: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
    out.append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n');
    out.append("- heap limit: ").append(Memory.maxHeapMb()).append(" MiB (the launcher's)\n");
    out.append("- load average: before ").append(loadBefore).append(", after ").append(loadAfter).append(" (1-minute)\n");
    out.append("- each digest: ").append(newThreads).append(" new threads in the public space, ").append(notifications)
        .append(" ambient notifications; email on (queued as due work, never sent)\n\n");
    out.append("| db | people written in | digests | mails queued | composed and queued in | digests/s | peak resident | bar (< ")
        .append((int) BAR_SECONDS).append(" s) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Result r : results) {
      String verdict = r.failure() != null ? "failed: " + r.failure()
          : r.seconds() < BAR_SECONDS ? "meets it" : String.format("misses it (%.0f s)", r.seconds());
      out.append(String.format("| %s | %.0f s | %d | %d | %.1f s | %.0f | %d MiB | %s |%n", r.db(), r.seedSeconds(), r.digests(), r.mails(),
          r.seconds(), r.perSecond(), r.peakMb(), verdict));
    }
    return out.toString();
  }

  private static void say(String db, String what) {
    System.err.println("bench digests [" + db + "] " + what);
  }
}
