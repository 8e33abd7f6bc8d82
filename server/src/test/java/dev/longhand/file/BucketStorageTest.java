package dev.longhand.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.config.StorageUrl;
import dev.longhand.recording.TestMedia;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OversizedUpload;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.S3Server;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server with {@code LONGHAND_STORAGE_URL} set keeps recordings and files in the bucket (a real S3 server, s3proxy)
 * and nothing of them on its disk: they download whole and by range from there, an image's thumbnail too, and a deleted
 * recording's object goes.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BucketStorageTest {
  @Parameter Db db;
  S3Server s3;
  StorageUrl url;
  OwnServer own;

  @BeforeEach
  void start() {
    s3 = S3Server.get();
    url = s3.newBucket("team-a");
    own = OwnServer.with(TestServers.config(db).withStorageUrl(url), "Product");
  }

  @AfterEach
  void stop() {
    if (own != null) own.close();
  }

  private Multipart.Answer get(String path, String... headers) {
    return Multipart.get(own.server.baseUrl() + path, own.team.ana.token(), headers);
  }

  @Test
  void filesAndThumbnailsAreObjectsInTheBucketServedWholeAndByRange() throws IOException {
    byte[] data = new byte[300_000];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + 7);
    data[0] = 0x00; // binary: not text
    var up = Multipart.upload(own.server.baseUrl() + "/api/v1/spaces/" + own.space + "/files", own.team.ana.token(), "name", null,
        "data.bin", "application/octet-stream", data);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    String id = up.text("id");
    var photo = Multipart.upload(own.server.baseUrl() + "/api/v1/spaces/" + own.space + "/files", own.team.ana.token(), "name", null,
        "IMG_1.jpg", "image/jpeg", TestImages.jpegWithExif(1200, 800, 1));
    assertThat(photo.status()).as(photo.body()).isEqualTo(201);
    String photoId = photo.text("id");

    List<String> objects = s3.list(url.bucket());
    assertThat(objects).hasSize(3).allSatisfy(o -> assertThat(o).startsWith("team-a/files/"));
    String key = objects.stream().filter(o -> o.startsWith("team-a/files/" + id + "-")).findFirst().orElseThrow();
    String photoKey = objects.stream().filter(o -> o.startsWith("team-a/files/" + photoId + "-") && !o.endsWith(".thumb")).findFirst().orElseThrow();
    assertThat(objects).contains(photoKey + ".thumb");
    assertThat(s3.object(url.bucket(), key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
    assertNothingStoredOnDisk();

    var whole = get("/api/v1/files/" + id);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.bytes()).isEqualTo(data);
    var slice = get("/api/v1/files/" + id, "Range", "bytes=1000-1999");
    assertThat(slice.status()).isEqualTo(206);
    assertThat(slice.header("Content-Range")).isEqualTo("bytes 1000-1999/300000");
    assertThat(slice.bytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
    var tail = get("/files/" + id, "Range", "bytes=-10");
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(data, 299_990, 300_000));
    var outside = get("/api/v1/files/" + id, "Range", "bytes=300000-");
    assertThat(outside.status()).isEqualTo(416);
    assertThat(outside.header("Content-Range")).isEqualTo("bytes */300000");

    var image = get("/files/" + photoId);
    assertThat(image.bytes()).isEqualTo(s3.object(url.bucket(), photoKey).orElseThrow());
    var thumb = get("/files/" + photoId + "/thumbnail");
    assertThat(thumb.status()).isEqualTo(200);
    assertThat(thumb.bytes()).isEqualTo(s3.object(url.bucket(), photoKey + ".thumb").orElseThrow());
    var thumbImage = ImageIO.read(new ByteArrayInputStream(thumb.bytes()));
    assertThat(Math.max(thumbImage.getWidth(), thumbImage.getHeight())).as("a thumbnail, not the photo").isLessThan(1200);
    var thumbSlice = get("/files/" + photoId + "/thumbnail", "Range", "bytes=0-1");
    assertThat(thumbSlice.status()).isEqualTo(206);
    assertThat(thumbSlice.bytes()).containsExactly(0xFF, 0xD8);

    assertThat(Multipart.get(own.server.baseUrl() + "/api/v1/files/" + id, own.team.eve.token()).status())
        .as("the bucket changes nothing about who may read").isEqualTo(404);
  }

  @Test
  void recordingsAreObjectsInTheBucketThatPlayByRangeAndGoWhenDeleted() throws IOException {
    byte[] webm = Files.readAllBytes(TestMedia.webm());
    var up = Multipart.upload(own.server.baseUrl() + "/api/v1/spaces/" + own.space + "/recordings", own.team.ana.token(),
        "title", "Sprint review", "review.webm", "video/webm", webm);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    String id = up.text("id");

    List<String> objects = s3.list(url.bucket());
    assertThat(objects).singleElement().satisfies(o -> assertThat(o).startsWith("team-a/recordings/" + id + "-").endsWith(".webm"));
    assertThat(s3.object(url.bucket(), objects.get(0))).hasValueSatisfying(b -> assertThat(b).isEqualTo(webm));
    assertNothingStoredOnDisk();

    String media = "/api/v1/recordings/" + id + "/media";
    var whole = get(media);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.header("Content-Type")).isEqualTo("video/webm");
    assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(whole.bytes()).isEqualTo(webm);
    var slice = get(media, "Range", "bytes=100-");
    assertThat(slice.status()).isEqualTo(206);
    assertThat(slice.header("Content-Range")).isEqualTo("bytes 100-" + (webm.length - 1) + "/" + webm.length);
    assertThat(slice.bytes()).isEqualTo(Arrays.copyOfRange(webm, 100, webm.length));
    var page = get("/recordings/" + id + "/media", "Range", "bytes=0-3");
    assertThat(page.status()).isEqualTo(206);
    assertThat(page.bytes()).containsExactly(0x1A, 0x45, 0xDF, 0xA3);

    assertThat(own.team.ana.api().delete("/api/v1/recordings/" + id).status()).isEqualTo(204);
    assertThat(s3.list(url.bucket())).as("the object goes with the recording").isEmpty();
    assertThat(get(media).status()).isEqualTo(404);
  }

  @Test
  void aLargeRecordingStreamsFromDiskIntoTheBucketWithTheHeapFlat() throws Exception {
    long size = 96L * 1024 * 1024; // twice what the heap may hold
    long[] retained = {0};
    var answer = whileWatchingTheHeap(retained, () -> OversizedUpload.stream(own.server.baseUrl(), "/api/v1/spaces/" + own.space
        + "/recordings", own.team.ana.token(), Multipart.head("title", "All hands", "allhands.webm", "video/webm"),
        new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, size));

    assertThat(answer.status()).as(answer.body()).isEqualTo("HTTP/1.1 201 Created");
    // Never the recording in memory, on its way in, to the scratch file, its MD5 or its upload: what the heap holds after
    // a collection stays far below its size (measured: under 10 MB). Garbage is not counted: the upload's signed chunks
    // alone allocate about the recording's size in passing.
    assertThat(retained[0]).as("heap held while receiving and storing").isLessThan(48L * 1024 * 1024);
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("id").asText();
    String object = s3.list(url.bucket()).get(0);
    assertThat(object).startsWith("team-a/recordings/" + id + "-");
    assertThat(s3.client().headObject(b -> b.bucket(url.bucket()).key(object)).contentLength()).isEqualTo(size);
    assertNothingStoredOnDisk();
    var end = get("/api/v1/recordings/" + id + "/media", "Range", "bytes=-4");
    assertThat(end.status()).isEqualTo(206);
    assertThat(end.header("Content-Range")).isEqualTo("bytes " + (size - 4) + "-" + (size - 1) + "/" + size);
    int i = 1024 * 1024 - 4; // the filler's last bytes, as OversizedUpload writes them
    assertThat(end.bytes()).containsExactly((byte) (i * 7 + 3), (byte) ((i + 1) * 7 + 3), (byte) ((i + 2) * 7 + 3), (byte) ((i + 3) * 7 + 3));
  }

  @Test
  void aRecordingWhoseObjectIsGoneIsNotFound() throws IOException {
    var up = Multipart.upload(own.server.baseUrl() + "/api/v1/spaces/" + own.space + "/recordings", own.team.ana.token(),
        "title", "Lost", "lost.webm", "video/webm", Files.readAllBytes(TestMedia.webm()));
    String object = s3.list(url.bucket()).get(0);
    s3.client().deleteObject(b -> b.bucket(url.bucket()).key(object));
    assertThat(get("/api/v1/recordings/" + up.text("id") + "/media").status()).isEqualTo(404);
    assertThat(get("/api/v1/recordings/" + up.text("id")).status()).as("its page's data is still there").isEqualTo(200);
  }

  /**
   * Runs {@code work} while a sampler collects the heap every 200 ms and notes what survives; {@code retained[0]} is the
   * most that survived over what did before.
   */
  private static <T> T whileWatchingTheHeap(long[] retained, java.util.concurrent.Callable<T> work) throws Exception {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long baseline = rt.totalMemory() - rt.freeMemory();
    java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(baseline);
    java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (sampling.get()) {
        System.gc();
        peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    try {
      return work.call();
    } finally {
      sampling.set(false);
      sampler.join();
      retained[0] = peak.get() - baseline;
    }
  }

  /** The data directory holds no stored bytes: its recordings and files directories are empty or only hold the empty scratch one. */
  private void assertNothingStoredOnDisk() throws IOException {
    Path data = own.config.dataDir();
    List<String> stored = new java.util.ArrayList<>();
    // only those two are walked: the search index beside them changes as it is walked (a merge deletes files)
    for (String dir : List.of("files", "recordings")) {
      if (!Files.isDirectory(data.resolve(dir))) continue;
      try (Stream<Path> all = Files.walk(data.resolve(dir))) {
        all.filter(Files::isRegularFile).map(p -> data.relativize(p).toString()).forEach(stored::add);
      }
    }
    assertThat(stored).as("recordings and files on local disk").isEmpty();
  }
}
