package dev.longhand.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A unified highlighter that takes each hit's text from the documents the search has already read, rather than read
 * them again: Lucene's reads each hit's stored fields through a fresh reader, which decompresses the hit's block of
 * stored documents anew every time, and the search then read the same documents for their other fields. Reading them
 * once, in index order through one reader, decompresses each block once.
 */
final class ReadOnceHighlighter extends UnifiedHighlighter {
  private final Map<Integer, Document> read;

  ReadOnceHighlighter(Builder builder, Map<Integer, Document> read) {
    super(builder);
    this.read = read;
  }

  @Override
  protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold) throws IOException {
    List<CharSequence[]> values = new ArrayList<>();
    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
      Document document = read.get(doc);
      CharSequence[] byField = new CharSequence[fields.length];
      for (int f = 0; f < fields.length; f++) byField[f] = document == null ? null : document.get(fields[f]);
      values.add(byField);
    }
    return values;
  }
}
