package dev.longhand.testkit;

import dev.longhand.config.StorageUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 server for the tests: s3proxy (Maven copies its jar with dependencies to {@code target/s3proxy}), run as a
 * process of its own because its Jetty 11 and Javalin's Jetty 12 cannot share a class path. One per test JVM, started
 * when first asked for, on a free loopback port, keeping objects in a temporary directory (jclouds' filesystem) and
 * checking signatures against fixed credentials; it is stopped when the JVM exits, the process it started and no other,
 * and its directory deleted.
 *
 * <p>The servers under test find those credentials where the AWS SDK's default chain looks first, the
 * {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties, which this sets: the same chain that reads
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} in production.
 */
public final class S3Server {
  static final String ACCESS_KEY = "longhand-test";
  static final String SECRET_KEY = "longhand-test-secret-key";
  private static final Duration START = Duration.ofSeconds(90);
  private static S3Server running;
  private static RuntimeException failed;

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final S3Client client;

  private S3Server(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.client = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED) // s3proxy: 501 otherwise
        .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** The test JVM's S3 server, started now if it is not yet. */
  public static synchronized S3Server get() {
    if (failed != null) throw failed; // one failed start, not one per test
    try {
      if (running == null) running = start();
    } catch (RuntimeException e) {
      failed = e;
      throw e;
    }
    return running;
  }

  /**
   * A new, empty bucket of its own, and the {@code LONGHAND_STORAGE_URL} that keeps recordings and files in it under
   * {@code prefix} ("" for none).
   */
  public StorageUrl newBucket(String prefix) {
    String bucket = "longhand-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    client.createBucket(b -> b.bucket(bucket));
    return StorageUrl.parse("s3://" + bucket + "/" + prefix + "?endpoint=" + endpoint + "&region=us-east-1&path-style=true",
        "LONGHAND_STORAGE_URL");
  }

  /** A client of this server, to look into buckets as the tests' own witness. */
  public S3Client client() {
    return client;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Every object's name in the bucket, sorted. */
  public List<String> list(String bucket) {
    List<String> names = new ArrayList<>();
    client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).forEach(names::add);
    names.sort(null);
    return names;
  }

  /** The object's bytes, or empty when there is no such object. */
  public Optional<byte[]> object(String bucket, String key) {
    try {
      return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  private static S3Server start() {
    Path jar = Path.of(System.getProperty("longhand.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no s3proxy at " + jar.toAbsolutePath() + ": Maven copies it there (generate-test-resources); run the tests with ./mvnw");
    }
    try {
      Path dir = Files.createTempDirectory("longhand-s3proxy");
      Path data = Files.createDirectories(dir.resolve("buckets"));
      int port = freePort();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      Path properties = dir.resolve("s3proxy.properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem-nio2",
          "jclouds.identity=" + ACCESS_KEY,
          "jclouds.credential=" + SECRET_KEY,
          "jclouds.filesystem.basedir=" + data,
          ""), StandardCharsets.UTF_8);
      Path log = dir.resolve("s3proxy.log");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
          "-cp", jar.toAbsolutePath().toString(), "org.gaul.s3proxy.Main", "--properties", properties.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("LOG_LEVEL", "warn");
      Process process = pb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop(process);
        deleteTree(dir); // its buckets: a run stores some hundreds of megabytes
      }));
      awaitAnswer(process, endpoint, log);
      System.setProperty("aws.accessKeyId", ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", SECRET_KEY);
      return new S3Server(process, endpoint, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start s3proxy", e);
    }
  }

  /** Waits until the server answers HTTP (any status: an unsigned request is refused), or fails with its log. */
  private static void awaitAnswer(Process process, URI endpoint, Path log) throws IOException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + tail(log));
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int status = c.getResponseCode();
        c.disconnect();
        if (status > 0) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stop(process);
    throw new IllegalStateException("s3proxy did not answer at " + endpoint + " within " + START.toSeconds() + " s:\n" + tail(log));
  }

  private static void stop(Process process) {
    if (!process.isAlive()) return;
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) {
    try (var all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  @Override
  public String toString() {
    return "s3proxy at " + endpoint + " (pid " + process.pid() + ", log " + log + ")";
  }
}
