package dev.longhand.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LONGHAND_STORAGE_URL: local disk without it, an S3 bucket in its accepted forms, and one clear line for a wrong one. */
class StorageUrlTest {

  @Test
  void withoutItRecordingsAndFilesStayOnLocalDisk() {
    assertThat(Config.fromEnvironment(Map.of()).storageUrl()).isEmpty();
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_STORAGE_URL", "  ")).storageUrl()).isEmpty();
  }

  @Test
  void aBucketWithAPrefixAnEndpointARegionAndPathStyle() {
    StorageUrl url = storage("s3://longhand-media/acme/prod/?endpoint=http://127.0.0.1:9000&region=eu-west-1&path-style=true");
    assertThat(url).isEqualTo(new StorageUrl("longhand-media", "acme/prod/", Optional.of(URI.create("http://127.0.0.1:9000")),
        Optional.of("eu-west-1"), true));
    assertThat(url.toString()).isEqualTo("s3://longhand-media/acme/prod/?endpoint=http://127.0.0.1:9000&region=eu-west-1");
  }

  @Test
  void aBareBucketIsAwsItselfAddressedByHostName() {
    assertThat(storage("s3://media.acme.example")).isEqualTo(new StorageUrl("media.acme.example", "", Optional.empty(), Optional.empty(), false));
    assertThat(storage("S3://media-1/").prefix()).isEmpty();
  }

  @Test
  void anEndpointMeansPathStyleUnlessSwitchedOff() {
    assertThat(storage("s3://media?endpoint=https%3A%2F%2Fminio.internal%3A9000").pathStyle()).isTrue();
    assertThat(storage("s3://media?endpoint=https%3A%2F%2Fminio.internal%3A9000").endpoint()).contains(URI.create("https://minio.internal:9000"));
    assertThat(storage("s3://media?endpoint=https://r2.example&path-style=false").pathStyle()).isFalse();
    assertThat(storage("s3://media?path-style=TRUE").pathStyle()).isTrue();
  }

  @Test
  void wrongUrlsAreRefusedWithOneLineNamingTheSetting() {
    for (String[] wrong : new String[][] {
        {"https://media.s3.amazonaws.com", "starts with 'https:'"},
        {"media/prefix", "starts with ''"},
        {"s3:///prefix", "the bucket is missing"},
        {"s3://Media_Bucket/x", "is not a bucket name"},
        {"s3://ab", "is not a bucket name"},
        {"s3://media:9000", "is not a bucket name"},
        {"s3://AKIAEXAMPLE:hunter2@media", "give credentials as AWS_ACCESS_KEY_ID"},
        {"s3://media/a/../b", "the prefix"},
        {"s3://media/with space", "not a valid URL"},
        {"s3://media?endpoint=ftp://files.example", "endpoint must be an http:// or https:// URL"},
        {"s3://media?endpoint=localhost:9000", "endpoint must be an http:// or https:// URL"},
        {"s3://media?endpoint=http://", "not a URL"},
        {"s3://media?region=EU West", "not a valid URL"},
        {"s3://media?region=Eu_West", "is not a region name"},
        {"s3://media?path-style=maybe", "path-style must be true or false"},
        {"s3://media?bucket=other", "'bucket' is not an option"},
        {"s3://media#x", "#fragment"},
    }) {
      assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_STORAGE_URL", wrong[0])))
          .as(wrong[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("LONGHAND_STORAGE_URL must look like s3://")
          .hasMessageContaining(wrong[1])
          .hasMessageNotContaining("hunter2")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void theSettingSurvivesOtherOverrides() {
    Config config = Config.fromEnvironment(Map.of("LONGHAND_STORAGE_URL", "s3://media"))
        .withOverrides(0, java.nio.file.Path.of("d"), null, null).withMaxFile(1024).withMaxUpload(2048);
    assertThat(config.storageUrl()).contains(storage("s3://media"));
    assertThat(config.withStorageUrl(null).storageUrl()).isEmpty();
  }

  private static StorageUrl storage(String text) {
    return Config.fromEnvironment(Map.of("LONGHAND_STORAGE_URL", text)).storageUrl().orElseThrow();
  }
}
