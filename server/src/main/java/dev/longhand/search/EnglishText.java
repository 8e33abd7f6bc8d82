package dev.longhand.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * How posts and queries are split into words: Unicode words, lower-cased, accents folded, English
 * stop words dropped, then stemmed with Snowball's English (Porter2) stemmer.
 *
 * <p>Not Lucene's {@code EnglishAnalyzer}: its original Porter stemmer turns "deploy" into
 * "deploi" but "deployment" into "deploy", so a search for one misses the other. Porter2 stems
 * deploy, deploys, deployed, deploying and deployment alike.
 */
final class EnglishText extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer words = new StandardTokenizer();
    TokenStream s = new EnglishPossessiveFilter(words);
    s = new LowerCaseFilter(s);
    s = new ASCIIFoldingFilter(s);
    s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    s = new SnowballFilter(s, new EnglishStemmer());
    return new TokenStreamComponents(words, s);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
