package dev.longhand.mailin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person wrote in a reply by email, without what their mail program added: the quoted mail below it and their
 * signature. Pure; the rules, in the order a line is tried:
 *
 * <ul>
 *   <li>an attribution line ends the reply: "On Tue, 3 Dec 2026 at 10:00, Ana &lt;ana@…&gt; wrote:" (Gmail, Apple Mail,
 *       Thunderbird; also wrapped over two lines, and the same in German, French, Spanish, Italian, Dutch, Swedish);
 *   <li>Outlook's "-----Original Message-----", a line of underscores, or a header block ("From:" followed within four
 *       lines by "Sent:"/"Date:" and "To:"/"Subject:") ends it;
 *   <li>the signature delimiter "-- " (RFC 3676) ends it, as do "Sent from my iPhone" and "Get Outlook for iOS";
 *   <li>lines quoted with "&gt;" are left out wherever they are (an answer written between quoted lines stays).
 * </ul>
 */
final class ReplyText {
  private static final Pattern ATTRIBUTION = Pattern.compile(
      "(?is)^\\s*(on|am|le|el|il|op|den|på)\\s.{1,400}?\\s(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev)\\s*:\\s*$"
          + "|(?is)^\\s*am\\s.{1,200}?\\sschrieb\\s.{1,300}:\\s*$"); // German names the writer after the verb
  private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original)\\s*-{2,}\\s*$");
  private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{8,}\\s*$");
  private static final Pattern FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de)\\s*:\\*?\\s+\\S.*$");
  private static final Pattern SENT = Pattern.compile("(?i)^\\s*\\*?(sent|date|gesendet|envoyé|enviado)\\s*:\\*?\\s.*$");
  private static final Pattern TO = Pattern.compile("(?i)^\\s*\\*?(to|subject|an|betreff|à|objet|para|asunto)\\s*:\\*?\\s.*$");
  private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");
  private static final Pattern SENT_FROM = Pattern.compile("(?i)^\\s*(sent from my \\S.{0,40}|get outlook for \\S.{0,20}|sent from mail for windows.{0,20}|sent from outlook.{0,20})$");
  private static final Pattern QUOTED = Pattern.compile("^\\s*>.*$");

  private ReplyText() {}

  /** The reply's own text, trimmed; empty when nothing is left. */
  static String strip(String mail) {
    String[] lines = mail.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (endsReply(lines, i)) break;
      if (QUOTED.matcher(lines[i]).matches()) continue;
      kept.add(lines[i].stripTrailing());
    }
    StringBuilder out = new StringBuilder();
    int blanks = 0;
    for (String line : kept) {
      if (line.isBlank()) {
        blanks++;
        continue;
      }
      if (!out.isEmpty()) out.append(blanks > 0 ? "\n\n" : "\n");
      blanks = 0;
      out.append(line);
    }
    return out.toString().strip();
  }

  private static boolean endsReply(String[] lines, int i) {
    String line = lines[i];
    if (SIGNATURE.matcher(line).matches() || SENT_FROM.matcher(line).matches() || ORIGINAL.matcher(line).matches()) return true;
    if (ATTRIBUTION.matcher(line).matches()) return true;
    // Gmail and others wrap a long attribution: "On Tue, 3 Dec 2026 at 10:00, Ana Lima <\nana@example.com> wrote:"
    if (i + 1 < lines.length && line.strip().matches("(?is)^(on|am|le|el|il|op|den|på)\\s.*")
        && ATTRIBUTION.matcher(line + " " + lines[i + 1]).matches()) {
      return true;
    }
    if (UNDERSCORES.matcher(line).matches() && nextNonBlank(lines, i).map(n -> FROM.matcher(n).matches()).orElse(false)) return true;
    if (FROM.matcher(line).matches()) {
      boolean sent = false;
      boolean to = false;
      for (int j = i + 1; j < Math.min(lines.length, i + 6); j++) {
        sent |= SENT.matcher(lines[j]).matches();
        to |= TO.matcher(lines[j]).matches();
      }
      return sent && to;
    }
    return false;
  }

  private static java.util.Optional<String> nextNonBlank(String[] lines, int i) {
    for (int j = i + 1; j < lines.length; j++) if (!lines[j].isBlank()) return java.util.Optional.of(lines[j]);
    return java.util.Optional.empty();
  }
}
