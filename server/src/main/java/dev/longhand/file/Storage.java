package dev.longhand.file;

import dev.longhand.config.Config;
import dev.longhand.config.StorageUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where recordings, files and workspace exports keep their bytes, chosen once from the configuration and handed to
 * every part that reads or writes them (the server's features, backup and restore, export and import, the Slack import):
 *
 * <ul>
 *   <li>this machine's disk, the single-node default: {@code <data-dir>/recordings}, {@code <data-dir>/files} and
 *       {@code <data-dir>/exports}, one {@link LocalDiskStorage} each, laid out as they always were;
 *   <li>an S3 bucket when {@code LONGHAND_STORAGE_URL} is set ({@link StorageUrl}): objects
 *       {@code <prefix>recordings/<name>}, {@code <prefix>files/<key>} and {@code <prefix>exports/<id>.zip}, one
 *       {@link S3Storage} each over one client, so that every node of a cluster reads what any of them wrote.
 * </ul>
 *
 * Uploads in progress are written to local disk either way, and handed over complete.
 */
public final class Storage implements AutoCloseable {
  /**
   * The kinds of stored bytes, named as their directories and their key prefixes (recordings' and files' also as a
   * backup's folders; a backup carries no export archives).
   */
  public static final String RECORDINGS = "recordings";
  public static final String FILES = "files";
  public static final String EXPORTS = "exports";

  private final FileStorage recordings;
  private final FileStorage files;
  private final FileStorage exports;
  private final Optional<S3Client> client;
  private final String where;
  private final Path dataDir;

  private Storage(FileStorage recordings, FileStorage files, FileStorage exports, Optional<S3Client> client, String where, Path dataDir) {
    this.recordings = recordings;
    this.files = files;
    this.exports = exports;
    this.client = client;
    this.where = where;
    this.dataDir = dataDir;
  }

  /**
   * The storage the configuration names. A bucket is checked before this returns: one that does not exist, refuses
   * these credentials or cannot be reached fails here, naming the setting, rather than at the first upload.
   */
  public static Storage open(Config config) {
    if (config.storageUrl().isEmpty()) return local(config.dataDir());
    StorageUrl url = config.storageUrl().get();
    S3Client s3 = client(url);
    try {
      check(s3, url);
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
    return new Storage(new S3Storage(s3, url.bucket(), url.prefix() + RECORDINGS + "/"),
        new S3Storage(s3, url.bucket(), url.prefix() + FILES + "/"), new S3Storage(s3, url.bucket(), url.prefix() + EXPORTS + "/"),
        Optional.of(s3), url.toString(), config.dataDir());
  }

  /** Recordings, files and exports in their directories of the data directory. */
  public static Storage local(Path dataDir) {
    return new Storage(new LocalDiskStorage(dataDir.resolve(RECORDINGS)), new LocalDiskStorage(dataDir.resolve(FILES)),
        new LocalDiskStorage(dataDir.resolve(EXPORTS)), Optional.empty(), "local disk", dataDir);
  }

  public FileStorage recordings() {
    return recordings;
  }

  public FileStorage files() {
    return files;
  }

  /** Workspace exports' archives, under {@code <id>.zip}. */
  public FileStorage exports() {
    return exports;
  }

  /** {@link #RECORDINGS}, {@link #FILES} or {@link #EXPORTS}. */
  public FileStorage of(String kind) {
    return switch (kind) {
      case RECORDINGS -> recordings;
      case FILES -> files;
      case EXPORTS -> exports;
      default -> throw new IllegalArgumentException("no stored bytes of kind " + kind);
    };
  }

  /**
   * Where bytes of this kind on their way in (an upload, an import, a restore, an export's archive) are written first:
   * on this machine, whatever the storage, so they are complete and checked before the storage takes them. Temporary
   * files named {@code .incoming-*} there are swept when the server starts.
   */
  public Path incoming(String kind) {
    return switch (kind) {
      case RECORDINGS -> dataDir.resolve(RECORDINGS);
      case FILES -> dataDir.resolve(FILES).resolve(".incoming");
      case EXPORTS -> dataDir.resolve(EXPORTS);
      default -> throw new IllegalArgumentException("no stored bytes of kind " + kind);
    };
  }

  /** Whether the bytes are in a bucket rather than in the data directory. */
  public boolean inObjectStorage() {
    return client.isPresent();
  }

  /** "local disk", or the bucket's URL (it holds no secret): for logs and backups' manifests. */
  public String where() {
    return where;
  }

  @Override
  public void close() {
    client.ifPresent(S3Client::close);
  }

  private static S3Client client(StorageUrl url) {
    S3ClientBuilder b = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
        .forcePathStyle(url.pathStyle())
        // Checksums only where S3 requires them: the SDK's newer default (a CRC trailer on every upload, a checksum mode
        // on every read) is refused by many S3-compatible services (s3proxy answers 501); S3Storage sends Content-MD5,
        // which every one of them checks.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .region(region(url));
    url.endpoint().ifPresent(b::endpointOverride);
    try {
      return b.build();
    } catch (SdkException e) {
      throw new IllegalStateException("LONGHAND_STORAGE_URL: cannot make an S3 client for " + url + ": " + e.getMessage(), e);
    }
  }

  /** The URL's region; else the SDK's (AWS_REGION, the profile); else, for a service other than AWS, us-east-1. */
  private static Region region(StorageUrl url) {
    if (url.region().isPresent()) return Region.of(url.region().get());
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException none) {
      if (url.endpoint().isPresent()) return Region.US_EAST_1;
      throw new IllegalStateException("LONGHAND_STORAGE_URL names no region and the AWS SDK finds none: add ?region=<the bucket's region> or set AWS_REGION");
    }
  }

  private static void check(S3Client s3, StorageUrl url) {
    String at = " (LONGHAND_STORAGE_URL " + url + ")";
    try {
      s3.headBucket(r -> r.bucket(url.bucket()));
    } catch (NoSuchBucketException e) {
      throw new IllegalStateException("the bucket " + url.bucket() + " does not exist" + at);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) throw new IllegalStateException("the bucket " + url.bucket() + " does not exist" + at);
      if (e.statusCode() == 403) {
        throw new IllegalStateException("the bucket " + url.bucket() + " refuses these credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
            + " or the SDK's default chain); they need s3:ListBucket on it and s3:GetObject, s3:PutObject, s3:DeleteObject on its objects" + at);
      }
      throw new IllegalStateException("the bucket " + url.bucket() + " answered " + e.statusCode() + ": " + e.getMessage() + at, e);
    } catch (SdkException e) {
      throw new IllegalStateException("cannot reach the bucket " + url.bucket() + ": " + e.getMessage() + at, e);
    }
  }
}
