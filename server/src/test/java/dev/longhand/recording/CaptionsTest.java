package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.http.ByteRanges;
import dev.longhand.http.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict WebVTT reader, pasted transcripts, and the times people write. */
class CaptionsTest {
  private static String problem(String text) {
    try {
      Captions.vtt(text);
    } catch (Problem p) {
      assertThat(p.field()).hasValue("captions");
      return p.detail();
    }
    throw new AssertionError("no problem with: " + text);
  }

  @Test
  void aWebVttFileWithIdsSettingsNotesAndStylesIsRead() {
    Captions c = Captions.vtt("\uFEFFWEBVTT\r\nKind: captions\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.500 line:0 position:20%\r\n"
        + "<c.loud>Hi</c> &lt;there&gt;\r\n\r\nNOTE end\r\n\r\n23:59:58.000 --> 23:59:59.999\r\nLate\r\n");
    assertThat(c.cues()).containsExactly(new Captions.Line(1000, 2500, "Hi <there>"), new Captions.Line(86_398_000, 86_399_999, "Late"));
  }

  @Test
  void mistakesAreReportedWithTheirLine() {
    assertThat(problem("WEBVTTX\n")).isEqualTo("Line 1: a WebVTT file must start with the line WEBVTT.");
    assertThat(problem("WEBVTT\n00:01.000 --> 00:02.000\nHi\n")).startsWith("Line 2: the header must be followed by a blank line");
    assertThat(problem("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n00:03.000 --> 00:04.000\nThere\n")).startsWith("Line 5: a blank line must separate");
    assertThat(problem("WEBVTT\n\n0:01.000 --> 00:02.000\nHi\n")).startsWith("Line 3: '0:01.000' is not a WebVTT time");
    assertThat(problem("WEBVTT\n\n00:01.00 --> 00:02.000\nHi\n")).startsWith("Line 3: '00:01.00' is not a WebVTT time");
    assertThat(problem("WEBVTT\n\n00:01.000 -> 00:02.000\nHi\n")).startsWith("Line 3: '00:01.000 -> 00:02.000' is not a timing line");
    assertThat(problem("WEBVTT\n\nintro\n\n")).startsWith("Line 3: 'intro' is not a timing line");
    assertThat(problem("WEBVTT\n\n")).isEqualTo("Line 3: the file has no cues.");
    assertThat(problem("WEBVTT\n\n99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000\nHi\n")).startsWith("Line 3:");
  }

  @Test
  void pastedLinesWithTimesBecomeTimedCuesAndOthersParagraphs() {
    Captions timed = Captions.read("00:00 Hi\n0:04.5 - Next\n[1:00:00] Last");
    assertThat(timed.cues()).containsExactly(new Captions.Line(0, 4500, "Hi"), new Captions.Line(4500, 3_600_000, "Next"),
        new Captions.Line(3_600_000, 3_605_000, "Last"));
    assertThat(timed.vtt()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:04.500\nHi\n");
    assertThat(Captions.read("0:10 a --> b & <c>").vtt()).contains("a --&gt; b &amp; &lt;c&gt;");

    Captions plain = Captions.read("First paragraph\ncontinues.\n\n\nSecond one. At 12:30 we broke.");
    assertThat(plain.cues()).extracting(Captions.Line::text).containsExactly("First paragraph continues.", "Second one. At 12:30 we broke.");
    assertThat(plain.cues()).allMatch(l -> l.startMs() == Captions.UNTIMED);

    assertThatThrownBy(() -> Captions.read("1:00 later\n0:30 earlier")).hasMessage("Line 2: times must not go backwards (0:30 comes after 1:00).");
  }

  @Test
  void timesAreReadAsPeopleWriteThem() {
    assertThat(List.of("12:30", "1:02:03", "754", "754.5", "0:00", "05:07.25"))
        .map(s -> Timestamps.parse(s).orElseThrow()).containsExactly(750_000L, 3_723_000L, 754_000L, 754_500L, 0L, 307_250L);
    assertThat(List.of("", "soon", "1:60", "1:61:00", "-5", "12:3", "99999999")).allMatch(s -> Timestamps.parse(s).isEmpty());
    assertThat(Timestamps.format(3_723_000)).isEqualTo("1:02:03");
    assertThat(Timestamps.format(65_000)).isEqualTo("1:05");
  }

  @Test
  void rangesAreReadAsRfc9110Says() {
    assertThat(ByteRanges.slice(null, 100)).isEqualTo(ByteRanges.Slice.whole(100));
    assertThat(ByteRanges.slice("bytes=10-19", 100)).isEqualTo(new ByteRanges.Slice(10, 19, true));
    assertThat(ByteRanges.slice("bytes=90-", 100)).isEqualTo(new ByteRanges.Slice(90, 99, true));
    assertThat(ByteRanges.slice("bytes=-5", 100)).isEqualTo(new ByteRanges.Slice(95, 99, true));
    assertThat(ByteRanges.slice("bytes=-500", 100)).isEqualTo(new ByteRanges.Slice(0, 99, true));
    assertThat(ByteRanges.slice("bytes=50-1000", 100)).isEqualTo(new ByteRanges.Slice(50, 99, true));
    assertThat(ByteRanges.slice("bytes=20-10", 100)).isEqualTo(ByteRanges.Slice.whole(100));
    assertThat(ByteRanges.slice("items=0-1", 100)).isEqualTo(ByteRanges.Slice.whole(100));
    assertThat(ByteRanges.slice("bytes=100-", 100)).isSameAs(ByteRanges.Slice.UNSATISFIABLE);
    assertThat(ByteRanges.slice("bytes=-0", 100)).isSameAs(ByteRanges.Slice.UNSATISFIABLE);
    assertThat(ByteRanges.slice("bytes=9999999999999999999-", 100)).isSameAs(ByteRanges.Slice.UNSATISFIABLE);
    assertThat(ByteRanges.slice("bytes=99999999999999999999-", 100)).isEqualTo(ByteRanges.Slice.whole(100));
  }
}
