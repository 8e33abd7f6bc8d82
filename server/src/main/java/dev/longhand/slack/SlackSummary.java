package dev.longhand.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: how many spaces, threads, replies, people and files it made, what it met again from an earlier
 * run, and what it skipped, by reason (an unknown message subtype is a reason of its own, by name).
 */
public final class SlackSummary {
  int spaces;
  int threads;
  int replies;
  int people;
  int peopleLinked;
  int placeholders;
  int files;
  int reactions;
  int mentions;
  int messagesSeen;
  long writeNanos;
  long indexNanos;
  final Map<String, Integer> again = new TreeMap<>();
  final Map<String, Integer> skipped = new TreeMap<>();
  final List<String> skippedFiles = new ArrayList<>();

  void skip(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  void skip(String reason, int n) {
    if (n > 0) skipped.merge(reason, n, Integer::sum);
  }

  void again(String what) {
    again.merge(what, 1, Integer::sum);
  }

  public int spaces() {
    return spaces;
  }

  public int threads() {
    return threads;
  }

  public int replies() {
    return replies;
  }

  /** New accounts, to be claimed by their email. */
  public int people() {
    return people;
  }

  public int files() {
    return files;
  }

  public int mentions() {
    return mentions;
  }

  public int reactions() {
    return reactions;
  }

  /** Messages written now: threads' opening posts and replies. */
  public int messages() {
    return threads + replies;
  }

  /** Seconds spent reading the export and writing the database, and indexing. */
  public double writeSeconds() {
    return writeNanos / 1e9;
  }

  public double indexSeconds() {
    return indexNanos / 1e9;
  }

  /** Messages the export held, imported or not. */
  public int messagesSeen() {
    return messagesSeen;
  }

  public Map<String, Integer> skipped() {
    return Map.copyOf(skipped);
  }

  public Map<String, Integer> again() {
    return Map.copyOf(again);
  }

  /** True when the run wrote nothing: everything it understood was imported before. */
  public boolean nothingNew() {
    return spaces == 0 && threads == 0 && replies == 0 && people == 0 && peopleLinked == 0 && placeholders == 0
        && files == 0 && reactions == 0;
  }

  /** The summary as printed at the end of the command. */
  public String text() {
    StringBuilder s = new StringBuilder();
    if (nothingNew()) {
      s.append("Nothing new imported: everything this export holds that Longhand understands was imported before.\n");
    } else {
      s.append("Imported: ").append(spaces).append(" spaces, ").append(threads).append(" threads, ").append(replies)
          .append(" replies, ").append(people).append(" people (new accounts, claimed by their email through \"Forgot password\"), ")
          .append(peopleLinked).append(" existing accounts joined, ").append(placeholders).append(" bots and deactivated users (no sign-in), ")
          .append(files).append(" files, ").append(reactions).append(" reactions, ").append(mentions).append(" mentions.\n");
    }
    if (!again.isEmpty()) {
      s.append("Already imported before (left as they are):");
      again.forEach((what, n) -> s.append(' ').append(n).append(' ').append(what).append(','));
      s.setLength(s.length() - 1);
      s.append(".\n");
    }
    if (skipped.isEmpty()) {
      s.append("Skipped: nothing.\n");
    } else {
      s.append("Skipped:\n");
      skipped.forEach((reason, n) -> s.append("  ").append(reason).append(": ").append(n).append('\n'));
    }
    s.append(String.format(java.util.Locale.ROOT, "Read and written in %.1f s, indexed in %.1f s.%n", writeNanos / 1e9, indexNanos / 1e9));
    if (!skippedFiles.isEmpty()) {
      s.append("Files whose bytes are not in the export (Slack's own exports hold links only):\n");
      skippedFiles.stream().limit(20).forEach(f -> s.append("  ").append(f).append('\n'));
      if (skippedFiles.size() > 20) s.append("  ... and ").append(skippedFiles.size() - 20).append(" more\n");
    }
    return s.toString();
  }
}
