package dev.longhand.recording;

import dev.longhand.http.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captions as given: a WebVTT file (read strictly: a mistake is reported with its line number, never half
 * taken), or pasted text, either "mm:ss words" lines or plain paragraphs. Both become cues for the transcript
 * and a WebVTT document for the player's track.
 *
 * @param vtt the document served as {@code captions.vtt}; the file as given, or one written from timed lines
 */
record Captions(List<Line> cues, String vtt) {
  static final int MAX_CHARS = 2_000_000;
  static final int MAX_CUES = 20_000;
  private static final Pattern TIME = Pattern.compile("(?:(\\d{2,9}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
  private static final Pattern TIMING = Pattern.compile("(\\S+)[ \\t]+-->[ \\t]+(\\S+)([ \\t].*)?");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern TIMED_LINE = Pattern.compile("\\[?((?:\\d{1,3}:)?\\d{1,2}:\\d{2}(?:\\.\\d{1,3})?)]?[ \\t]*[-–:]?[ \\t]+(.+)");
  /** A cue without a time of its own (a pasted paragraph) still gets a place: -1. */
  static final long UNTIMED = -1;

  /** One cue's times (or {@link #UNTIMED}) and its text without markup. */
  record Line(long startMs, long endMs, String text) {}

  /** WebVTT if the text says so in its first line, otherwise pasted text. */
  static Captions read(String text) {
    String t = checkedSize(text);
    String first = t.lines().findFirst().orElse("").replace("\uFEFF", "");
    return first.startsWith("WEBVTT") ? vtt(t) : pasted(t);
  }

  static Captions vtt(String raw) {
    String text = checkedSize(raw).replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
    String[] lines = text.split("\n", -1);
    String header = lines[0];
    if (!header.equals("WEBVTT") && !header.startsWith("WEBVTT ") && !header.startsWith("WEBVTT\t")) {
      throw bad(1, "a WebVTT file must start with the line WEBVTT");
    }
    int i = 1;
    while (i < lines.length && !lines[i].isEmpty()) {
      if (lines[i].contains("-->")) throw bad(i + 1, "the header must be followed by a blank line before the first cue");
      i++;
    }
    List<Line> cues = new ArrayList<>();
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int blockStart = i;
      String first = lines[i];
      if (!first.contains("-->") && (first.equals("NOTE") || first.startsWith("NOTE ") || first.startsWith("NOTE\t")
          || first.equals("STYLE") || first.equals("REGION"))) {
        while (i < lines.length && !lines[i].isBlank()) i++;
        continue;
      }
      if (!first.contains("-->")) {
        i++; // a cue identifier, which its timing line must follow
        if (i >= lines.length || !lines[i].contains("-->")) {
          throw bad(blockStart + 1, "'" + first.strip() + "' is not a timing line such as 00:01.000 --> 00:04.000, nor a cue identifier followed by one");
        }
      }
      Matcher m = TIMING.matcher(lines[i]);
      if (!m.matches()) throw bad(i + 1, "a timing line reads 'start --> end', such as 00:01.000 --> 00:04.000");
      int timingLine = i + 1;
      long start = time(m.group(1)).orElseThrow(() -> bad(timingLine, "'" + m.group(1) + "' is not a WebVTT time (mm:ss.ttt or hh:mm:ss.ttt)"));
      long end = time(m.group(2)).orElseThrow(() -> bad(timingLine, "'" + m.group(2) + "' is not a WebVTT time (mm:ss.ttt or hh:mm:ss.ttt)"));
      if (end <= start) throw bad(timingLine, "a cue must end after it starts");
      if (start > Timestamps.MAX_MS) throw bad(timingLine, "a cue must start within 24 hours");
      i++;
      StringBuilder payload = new StringBuilder();
      while (i < lines.length && !lines[i].isBlank()) {
        if (lines[i].contains("-->")) throw bad(i + 1, "a blank line must separate one cue from the next");
        if (!payload.isEmpty()) payload.append(' ');
        payload.append(lines[i].strip());
        i++;
      }
      cues.add(new Line(start, end, plain(payload.toString())));
      if (cues.size() > MAX_CUES) throw bad(timingLine, "at most " + MAX_CUES + " cues fit in one recording's captions");
    }
    if (cues.isEmpty()) throw bad(lines.length, "the file has no cues");
    return new Captions(List.copyOf(cues), text.endsWith("\n") ? text : text + "\n");
  }

  /** Pasted text: every non-blank line starting with a time makes a cue until the next; else one cue per paragraph. */
  static Captions pasted(String raw) {
    String text = checkedSize(raw).replace("\r\n", "\n").strip();
    if (text.isEmpty()) throw Problem.invalid("captions", "'captions' is required: a WebVTT file or the transcript's text.");
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    boolean timed = lines.stream().allMatch(l -> TIMED_LINE.matcher(l).matches() && lineTime(l).isPresent());
    List<Line> cues = new ArrayList<>();
    if (timed) {
      long previous = -1;
      for (int n = 0; n < lines.size(); n++) {
        long start = lineTime(lines.get(n)).orElseThrow();
        if (start < previous) throw Problem.invalid("captions", "Line " + (n + 1) + ": times must not go backwards ("
            + Timestamps.format(start) + " comes after " + Timestamps.format(previous) + ").");
        previous = start;
        Matcher m = TIMED_LINE.matcher(lines.get(n));
        m.matches();
        cues.add(new Line(start, start, m.group(2).strip()));
      }
      List<Line> ended = new ArrayList<>();
      for (int n = 0; n < cues.size(); n++) {
        Line c = cues.get(n);
        long next = n + 1 < cues.size() ? cues.get(n + 1).startMs() : c.startMs() + 5000;
        ended.add(new Line(c.startMs(), Math.max(next, c.startMs() + 1), c.text()));
      }
      cues = ended;
    } else {
      for (String paragraph : text.split("\\n\\s*\\n")) {
        String p = paragraph.strip().replaceAll("\\s*\\n\\s*", " ");
        if (!p.isEmpty()) cues.add(new Line(UNTIMED, UNTIMED, p));
      }
    }
    if (cues.size() > MAX_CUES) throw Problem.invalid("captions", "At most " + MAX_CUES + " cues fit in one recording's captions.");
    return new Captions(List.copyOf(cues), timed ? written(cues) : "WEBVTT\n");
  }

  private static Optional<Long> lineTime(String line) {
    Matcher m = TIMED_LINE.matcher(line);
    return m.matches() ? Timestamps.parse(m.group(1)) : Optional.empty();
  }

  /** A WebVTT document for timed cues, escaping what WebVTT would read as markup. */
  static String written(List<Line> cues) {
    StringBuilder out = new StringBuilder("WEBVTT\n");
    for (Line c : cues) {
      if (c.startMs() < 0) continue;
      out.append('\n').append(Timestamps.vtt(c.startMs())).append(" --> ").append(Timestamps.vtt(c.endMs())).append('\n')
          .append(c.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")).append('\n');
    }
    return out.toString();
  }

  static Optional<Long> time(String s) {
    Matcher m = TIME.matcher(s);
    if (!m.matches()) return Optional.empty();
    long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    if (h > 99) return Optional.empty();
    return Optional.of(((h * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000 + Long.parseLong(m.group(4)));
  }

  /** A cue's text as the transcript shows and search reads it: tags dropped, character references decoded. */
  static String plain(String payload) {
    return TAG.matcher(payload).replaceAll("").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
        .replace("&lrm;", "").replace("&rlm;", "").replace("&amp;", "&").strip();
  }

  private static String checkedSize(String text) {
    if (text == null || text.isBlank()) throw Problem.invalid("captions", "'captions' is required: a WebVTT file or the transcript's text.");
    if (text.length() > MAX_CHARS) throw Problem.invalid("captions", "Captions must be at most " + MAX_CHARS + " characters.");
    return text;
  }

  private static Problem bad(int line, String what) {
    return Problem.invalid("captions", "Line " + line + ": " + what + ".");
  }
}
