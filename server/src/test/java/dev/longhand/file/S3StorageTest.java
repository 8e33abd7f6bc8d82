package dev.longhand.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.config.Config;
import dev.longhand.config.StorageUrl;
import dev.longhand.testkit.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage in a bucket, against a real S3 server (s3proxy): what it stores is there whole under its prefix and the
 * local file is gone, ranges read exactly their bytes, a read left early does not spoil the next, a missing object is
 * a missing file, delete removes, keys that are not the server's are refused, and a bucket that cannot be used fails
 * at opening, naming the setting.
 */
class S3StorageTest {
  @TempDir Path tmp;
  S3Server s3;
  StorageUrl url;
  Storage storage;
  byte[] content;

  @BeforeEach
  void bucket() {
    s3 = S3Server.get();
    url = s3.newBucket("acme/prod");
    storage = Storage.open(config(url));
    content = new byte[3 * 1024 * 1024 + 17]; // over a megabyte: several reads, several chunks of a signed upload
    new Random(17).nextBytes(content);
  }

  @AfterEach
  void close() {
    if (storage != null) storage.close();
  }

  private Config config(StorageUrl u) {
    return new Config(0, tmp.resolve("data"), Optional.empty(), "", "127.0.0.1", false).withStorageUrl(u);
  }

  private Path local(byte[] bytes) throws IOException {
    return Files.write(Files.createTempFile(tmp, "upload", ".part"), bytes);
  }

  @Test
  void putStoresTheWholeFileUnderItsKindAndPrefixAndTakesTheLocalFileOver() throws IOException {
    assertThat(storage.inObjectStorage()).isTrue();
    Path upload = local(content);
    storage.files().put("12-0123456789abcdef01234567", upload);
    storage.recordings().put("13-0123456789abcdef01234567.webm", local("webm".getBytes()));

    assertThat(upload).as("taken over").doesNotExist();
    assertThat(s3.list(url.bucket())).containsExactly("acme/prod/files/12-0123456789abcdef01234567",
        "acme/prod/recordings/13-0123456789abcdef01234567.webm");
    assertThat(s3.object(url.bucket(), "acme/prod/files/12-0123456789abcdef01234567")).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
    assertThat(storage.files().size("12-0123456789abcdef01234567")).isEqualTo(content.length);
    assertThat(storage.recordings().size("13-0123456789abcdef01234567.webm")).isEqualTo(4);
    assertThat(tmp.resolve("data")).as("nothing on local disk").doesNotExist();
  }

  @Test
  void rangesReadExactlyTheirBytes() throws IOException {
    storage.files().put("12-0123456789abcdef01234567", local(content));
    assertThat(read(storage.files(), 0, content.length)).isEqualTo(content);
    assertThat(read(storage.files(), 1_000_000, 123_457)).isEqualTo(Arrays.copyOfRange(content, 1_000_000, 1_123_457));
    assertThat(read(storage.files(), content.length - 1, 1)).containsExactly(content[content.length - 1]);
  }

  @Test
  void aReadLeftEarlyIsAbortedAndTheNextReadsAsUsual() throws IOException {
    storage.files().put("12-0123456789abcdef01234567", local(content));
    for (int i = 0; i < 3; i++) {
      try (ReadableByteChannel c = storage.files().open("12-0123456789abcdef01234567", 0, content.length)) {
        ByteBuffer head = ByteBuffer.allocateDirect(100);
        while (head.hasRemaining() && c.read(head) >= 0) {
          // a player reads the start of the media, then seeks elsewhere
        }
        assertThat(head.flip().get()).isEqualTo(content[0]);
      }
    }
    assertThat(read(storage.files(), 2_000_000, 10)).isEqualTo(Arrays.copyOfRange(content, 2_000_000, 2_000_010));
  }

  @Test
  void aMissingObjectIsAMissingFileAndDeleteRemoves() throws IOException {
    FileStorage files = storage.files();
    assertThatThrownBy(() -> files.size("12-0123456789abcdef01234567")).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("acme/prod/files/12-0123456789abcdef01234567");
    assertThatThrownBy(() -> files.open("12-0123456789abcdef01234567", 0, 10)).isInstanceOf(NoSuchFileException.class);
    files.delete("12-0123456789abcdef01234567"); // nothing there: no error

    files.put("12-0123456789abcdef01234567", local(content));
    files.put("12-0123456789abcdef01234567.thumb", local(new byte[] {1, 2, 3}));
    files.delete("12-0123456789abcdef01234567");
    assertThat(s3.list(url.bucket())).containsExactly("acme/prod/files/12-0123456789abcdef01234567.thumb");
    assertThatThrownBy(() -> files.size("12-0123456789abcdef01234567")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void keysThatAreNotTheServersAreRefused() throws IOException {
    Path upload = local(content);
    for (String key : new String[] {"../recordings/1-x.webm", ".incoming-x", "a/b", "", "x..y"}) {
      assertThatThrownBy(() -> storage.files().put(key, upload)).as(key).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(upload).exists();
    assertThat(s3.list(url.bucket())).isEmpty();
  }

  @Test
  void aBucketThatCannotBeUsedFailsAtOpeningNamingTheSetting() {
    StorageUrl missing = StorageUrl.parse("s3://no-such-bucket-here?endpoint=" + s3.endpoint(), "LONGHAND_STORAGE_URL");
    assertThatThrownBy(() -> Storage.open(config(missing))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-bucket-here does not exist").hasMessageContaining("LONGHAND_STORAGE_URL");
    StorageUrl nowhere = StorageUrl.parse("s3://media?endpoint=http://127.0.0.1:9", "LONGHAND_STORAGE_URL");
    assertThatThrownBy(() -> Storage.open(config(nowhere))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot reach the bucket media").hasMessageContaining("LONGHAND_STORAGE_URL");
  }

  @Test
  void aServerWhoseBucketIsMissingDoesNotStart() {
    StorageUrl missing = StorageUrl.parse("s3://no-such-bucket-here/x?endpoint=" + s3.endpoint(), "LONGHAND_STORAGE_URL");
    assertThatThrownBy(() -> dev.longhand.Longhand.start(config(missing).withOverrides(0, tmp.resolve("server"), null, null),
        java.time.Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
        .hasMessage("the bucket no-such-bucket-here does not exist (LONGHAND_STORAGE_URL s3://no-such-bucket-here/x/?endpoint="
            + s3.endpoint() + ")");
  }

  @Test
  void withoutTheSettingBytesStayOnLocalDisk() throws IOException {
    try (Storage local = Storage.open(config(null))) {
      assertThat(local.inObjectStorage()).isFalse();
      assertThat(local.where()).isEqualTo("local disk");
      local.recordings().put("13-0123456789abcdef01234567.webm", local(content));
      assertThat(tmp.resolve("data/recordings/13-0123456789abcdef01234567.webm")).hasBinaryContent(content);
    }
  }

  private static byte[] read(FileStorage storage, long first, int length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReadableByteChannel c = storage.open("12-0123456789abcdef01234567", first, length)) {
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      while (out.size() < length) {
        b.clear();
        int n = c.read(b);
        if (n < 0) break;
        out.write(b.array(), 0, n);
      }
      b.clear();
      assertThat(c.read(b)).as("the range ends where asked").isEqualTo(-1);
    }
    return out.toByteArray();
  }
}
