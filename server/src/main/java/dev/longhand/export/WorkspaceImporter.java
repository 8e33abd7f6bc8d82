package dev.longhand.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.export.ArchiveFormat.Column;
import dev.longhand.export.ArchiveFormat.Kind;
import dev.longhand.export.ArchiveFormat.Type;
import dev.longhand.file.FileStorage;
import dev.longhand.file.Storage;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Brings an archive's workspace into this server (docs/EXPORT.md, "Import"): verifies the whole archive first
 * ({@link ArchiveCheck}), then copies the media under new names into the {@link Storage} and writes every row in one transaction, with new ids
 * (given in the order of the old ones, so order is kept) and the same authors and times. People are matched by
 * email: an existing account joins; anyone else gets an account with an unguessable password, claimed through
 * "Forgot password" at their address. The archive's id is recorded, so importing it again imports nothing. Nothing is
 * written to the outbox, inbox or due work: imported history notifies nobody.
 */
final class WorkspaceImporter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BATCH = 500;

  /** What an import did: the new workspace, or the one an earlier import of the same archive made. */
  record Result(long workspaceId, String name, boolean alreadyImported, int joined, int created, Map<String, Long> rows) {}

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final ObjectMapper json;
  private final Storage storage;
  private final ImportStore store = new ImportStore();

  WorkspaceImporter(Database db, Ids ids, Clock clock, ObjectMapper json, Storage storage) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.json = json;
    this.storage = storage;
  }

  /** Imports the archive, whose {@code manifest} {@link ArchiveCheck#verify} answered. */
  Result run(Path archive, Manifest manifest) throws IOException {
    Optional<ImportStore.Imported> before = db.read(h -> store.imported(h, manifest.archiveId()));
    if (before.isPresent()) {
      return new Result(before.get().workspaceId(), manifest.workspace().name(), true, 0, 0, Map.of());
    }
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Plan plan = plan(zip);
      try {
        return db.write(h -> write(h, zip, manifest, plan));
      } catch (RuntimeException e) {
        plan.forgetCopied();
        throw e;
      }
    }
  }

  /** New ids for every row, in the order of the old ones, and the media copied under new names. */
  private final class Plan {
    final Map<Long, Long> ids = new HashMap<>();
    final Map<String, String> fileKeys = new HashMap<>();
    final Map<Long, String> recordingFiles = new HashMap<>();
    final List<Copied> copied = new ArrayList<>();
    final long workspaceId;
    final long oldWorkspaceId;

    Plan(long oldWorkspaceId, long workspaceId) {
      this.oldWorkspaceId = oldWorkspaceId;
      this.workspaceId = workspaceId;
    }

    /** Removes the media copied so far: the rows that would have named them were not written. */
    void forgetCopied() {
      for (Copied c : copied) {
        try {
          c.storage().delete(c.key());
        } catch (IOException e) {
          // bytes nothing points to: harmless
        }
      }
    }
  }

  /** Media copied into the storage under a new key. */
  private record Copied(FileStorage storage, String key) {}

  private Plan plan(ZipFile zip) throws IOException {
    JsonNode ws = json.readTree(zip.getInputStream(zip.getEntry(ArchiveFormat.MANIFEST))).path("workspace");
    Plan plan = new Plan(Long.parseLong(ws.path("id").asText()), ids.next());
    TreeSet<Long> old = new TreeSet<>();
    for (Kind k : ArchiveFormat.KINDS) {
      Optional<Column> id = k.id();
      if (id.isPresent()) rows(zip, k, row -> old.add(Long.parseLong(row.path(id.get().field()).asText())));
    }
    for (long o : old) plan.ids.put(o, ids.next());
    try {
      for (Kind k : ArchiveFormat.KINDS) {
        for (Column c : k.columns()) {
          if (c.type() == Type.FILE_KEY) {
            rows(zip, k, row -> {
              String key = row.path(c.field()).asText(null);
              if (key == null) return;
              long newId = plan.ids.get(Long.parseLong(row.path("id").asText()));
              String base = newId + "-" + hex(12);
              String fresh = key.endsWith(".thumb") ? plan.fileKeys.computeIfAbsent(key.substring(0, key.length() - 6), x -> base) + ".thumb"
                  : plan.fileKeys.computeIfAbsent(key, x -> base);
              plan.fileKeys.put(key, fresh);
              copy(zip, ArchiveFormat.FILE_MEDIA + key, Storage.FILES, fresh, plan);
            });
          }
          if (c.type() == Type.RECORDING_FILE) {
            rows(zip, k, row -> {
              long oldId = Long.parseLong(row.path("id").asText());
              String name = row.path(c.field()).asText("");
              int dot = name.lastIndexOf('.');
              String fresh = plan.ids.get(oldId) + "-" + hex(12) + (dot < 0 ? "" : name.substring(dot));
              plan.recordingFiles.put(oldId, fresh);
              copy(zip, ArchiveFormat.RECORDING_MEDIA + oldId, Storage.RECORDINGS, fresh, plan);
            });
          }
        }
      }
    } catch (RuntimeException e) {
      plan.forgetCopied();
      throw e;
    }
    return plan;
  }

  /** One entry's bytes into the storage under {@code key}, by way of a temporary file where uploads are written. */
  private void copy(ZipFile zip, String entry, String kind, String key, Plan plan) {
    var e = zip.getEntry(entry);
    if (e == null) throw new ArchiveCheck.Refused("The archive lacks the entry " + entry + ".");
    Path part = null;
    try (InputStream in = zip.getInputStream(e)) {
      part = Files.createTempFile(Files.createDirectories(storage.incoming(kind)), ".incoming-", ".part");
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      FileStorage to = storage.of(kind);
      to.put(key, part);
      plan.copied.add(new Copied(to, key));
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    } finally {
      try {
        if (part != null) Files.deleteIfExists(part);
      } catch (IOException io) {
        // swept at the server's next start
      }
    }
  }

  private Result write(Handle h, ZipFile zip, Manifest manifest, Plan plan) {
    Optional<ImportStore.Imported> meanwhile = store.imported(h, manifest.archiveId());
    if (meanwhile.isPresent()) throw new IllegalStateException("The archive was imported meanwhile, as workspace " + meanwhile.get().workspaceId());
    People people = new People(h);
    rows(zip, ArchiveFormat.PEOPLE, people::add);
    Manifest.Workspace ws = manifest.workspace();
    long createdBy = people.map.getOrDefault(Long.parseLong(ws.createdBy()), people.anyMember());
    store.insertWorkspace(h, plan.workspaceId, ws.name(), createdBy, Instant.parse(ws.createdAt()).toEpochMilli(), ws.urgentPerDay());
    people.members.forEach((account, member) -> store.insertMember(h, plan.workspaceId, account, member.role(), member.joinedAt()));
    Prose prose = new Prose(plan.ids, plan.oldWorkspaceId, plan.workspaceId, people.handles);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Kind k : ArchiveFormat.KINDS) {
      long[] n = {0};
      List<Object[]> chunk = new ArrayList<>();
      List<Object[]> late = new ArrayList<>();
      rows(zip, k, row -> {
        if (k.name().equals("workingHours") && !people.created.contains(people.map.get(Long.parseLong(row.path("accountId").asText())))) {
          return; // an existing account keeps its own hours
        }
        chunk.add(values(k, row, plan, people, prose));
        if (!k.of(Type.LATE_REF).isEmpty()) late.add(lateValues(k, row, plan));
        n[0]++;
        if (chunk.size() == BATCH) flush(h, k, chunk);
      });
      flush(h, k, chunk);
      if (!late.isEmpty()) {
        PreparedBatch b = store.lateBatch(h, k);
        for (Object[] v : late) {
          for (int i = 0; i < v.length; i++) ImportStore.bind(b, i, Type.REF, v[i]);
          b.add();
        }
        b.execute();
      }
      counts.put(k.name(), n[0]);
    }
    store.continueDecisionNumbers(h, plan.workspaceId);
    store.recordImport(h, manifest.archiveId(), plan.workspaceId, ws.id(), manifest.server() == null ? "" : manifest.server(), clock.millis());
    return new Result(plan.workspaceId, ws.name(), false, people.joined, people.created.size(), counts);
  }

  private void flush(Handle h, Kind k, List<Object[]> chunk) {
    if (chunk.isEmpty()) return;
    List<Column> cols = ImportStore.inserted(k);
    PreparedBatch b = store.insertBatch(h, k);
    for (Object[] v : chunk) {
      for (int i = 0; i < v.length; i++) ImportStore.bind(b, i, cols.get(i).type(), v[i]);
      b.add();
    }
    b.execute();
    chunk.clear();
  }

  private Object[] values(Kind k, JsonNode row, Plan plan, People people, Prose prose) {
    List<Column> cols = ImportStore.inserted(k);
    Object[] out = new Object[cols.size()];
    for (int i = 0; i < out.length; i++) {
      Column c = cols.get(i);
      JsonNode v = row.path(c.field());
      boolean absent = v.isMissingNode() || v.isNull();
      out[i] = switch (c.type()) {
        case ID, REF, LATE_REF -> absent ? null : plan.ids.get(Long.parseLong(v.asText()));
        case WORKSPACE -> plan.workspaceId;
        case PERSON -> absent ? null : people.map.get(Long.parseLong(v.asText()));
        case NUMBER -> absent ? null : v.asLong();
        case TEXT -> absent ? null : v.asText();
        case PROSE -> absent ? null : prose.rewrite(v.asText());
        case FILE_KEY -> absent ? null : plan.fileKeys.get(v.asText());
        case RECORDING_FILE -> plan.recordingFiles.get(Long.parseLong(row.path("id").asText()));
      };
    }
    return out;
  }

  private static Object[] lateValues(Kind k, JsonNode row, Plan plan) {
    List<Column> late = k.of(Type.LATE_REF);
    Object[] out = new Object[late.size() + 1];
    for (int i = 0; i < late.size(); i++) {
      JsonNode v = row.path(late.get(i).field());
      out[i] = v.isMissingNode() || v.isNull() ? null : plan.ids.get(Long.parseLong(v.asText()));
    }
    out[late.size()] = plan.ids.get(Long.parseLong(row.path(k.id().orElseThrow().field()).asText()));
    return out;
  }

  /** Each row of a kind's entry, parsed. */
  private void rows(ZipFile zip, Kind kind, Consumer<JsonNode> each) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(zip.getInputStream(zip.getEntry(kind.entry())), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) each.accept(json.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The archive's people matched by email to accounts here, or made as accounts to claim. */
  private final class People {
    record Member(String role, long joinedAt) {}

    final Map<Long, Long> map = new HashMap<>();
    final Map<String, String> handles = new HashMap<>();
    final Map<Long, Member> members = new LinkedHashMap<>();
    final java.util.Set<Long> created = new java.util.HashSet<>();
    int joined;
    private final Handle h;

    People(Handle h) {
      this.h = h;
    }

    void add(JsonNode p) {
      long old = Long.parseLong(p.path("id").asText());
      String email = p.path("email").asText().strip().toLowerCase(java.util.Locale.ROOT);
      String oldHandle = p.path("handle").asText();
      Optional<ImportStore.Existing> existing = store.accountByEmail(h, email);
      long account;
      String handle;
      if (existing.isPresent()) {
        account = existing.get().id();
        handle = existing.get().handle();
        joined++;
      } else {
        account = ids.next();
        handle = oldHandle;
        for (int n = 2; store.handleTaken(h, handle); n++) handle = oldHandle + n;
        store.insertAccount(h, account, email, p.path("name").asText(), handle, Unclaimed.passwordHash(),
            p.path("timeZone").asText("UTC"), p.path("createdAt").asLong(clock.millis()));
        created.add(account);
      }
      map.put(old, account);
      if (!handle.equals(oldHandle)) handles.put(oldHandle, handle);
      String role = p.path("role").asText(null);
      if (role != null && !p.path("role").isNull()) members.put(account, new Member(role, p.path("joinedAt").asLong(clock.millis())));
    }

    long anyMember() {
      return members.entrySet().stream().filter(e -> e.getValue().role().equals("owner")).map(Map.Entry::getKey).findFirst()
          .orElseGet(() -> members.keySet().iterator().next());
    }
  }
}
