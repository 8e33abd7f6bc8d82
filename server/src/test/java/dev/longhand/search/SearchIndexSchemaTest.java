package dev.longhand.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

/** The index records the shape of its documents; one written with another shape is rebuilt at start. */
class SearchIndexSchemaTest {

  @Test
  void anIndexWrittenWithAnOlderSchemaVersionMustBeRebuilt() throws Exception {
    Path path = Files.createTempDirectory("longhand-index-schema");
    writeEmptyIndex(path, Map.of("longhand.rebuilt.owners", "true", SearchIndex.SCHEMA, String.valueOf(SearchIndex.SCHEMA_VERSION - 1)));

    try (SearchIndex index = SearchIndex.open(path)) {
      assertThat(index.isComplete()).isFalse();
      index.rebuild(everything -> {});
      assertThat(index.isComplete()).isTrue();
    }
    try (SearchIndex reopened = SearchIndex.open(path); FSDirectory dir = FSDirectory.open(path)) {
      assertThat(reopened.isComplete()).isTrue();
      assertThat(SegmentInfos.readLatestCommit(dir).getUserData())
          .containsEntry(SearchIndex.SCHEMA, String.valueOf(SearchIndex.SCHEMA_VERSION));
    }
  }

  @Test
  void anIndexFromBeforeSchemaVersionsMustBeRebuilt() throws Exception {
    Path path = Files.createTempDirectory("longhand-index-schema");
    writeEmptyIndex(path, Map.of("longhand.rebuilt.owners", "true"));

    try (SearchIndex index = SearchIndex.open(path)) {
      assertThat(index.isComplete()).isFalse();
    }
  }

  private static void writeEmptyIndex(Path path, Map<String, String> userData) throws Exception {
    try (FSDirectory dir = FSDirectory.open(path);
         IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
    }
  }
}
