package dev.longhand.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The summary a closing posts to the session's thread, as Markdown, so that people who were not there read what
 * happened: the purpose, who took part and when (a time marker, shown in each reader's zone), every agenda item with
 * its notes, the decisions (linked to their records), the asks, or why nothing was decided. Pure: no I/O.
 *
 * <p>People are named, not mentioned: the participants were there, and an ask tells its assignee by itself.
 */
final class SyncSummary {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private SyncSummary() {}

  /** A decision the closing recorded, as the summary links it. */
  record DecisionLine(long id, int number, String title, String decision, String rationale) {}

  /** An ask the closing makes, as the summary shows it. */
  record AskLine(String assigneeName, String text, int workingDays) {}

  static String markdown(SyncSession s, List<String> participants, List<SyncNotes.Item> items, List<DecisionLine> decisions,
      List<AskLine> asks, String noDecisionBecause) {
    StringBuilder md = new StringBuilder();
    md.append("**Sync session closed:** ").append(oneLine(s.purpose())).append("\n\n");
    md.append("[The session](").append(s.path()).append(")");
    if (s.startAt() > 0) md.append(" · <t:").append(MINUTES.format(Instant.ofEpochMilli(s.startAt()))).append(">");
    if (!participants.isEmpty()) md.append(" · with ").append(String.join(", ", participants));
    md.append("\n\n### Agenda and notes\n");
    for (SyncNotes.Item item : items) {
      md.append("\n**").append(item.index() + 1).append(". ").append(oneLine(item.agendaItem())).append("**\n\n");
      md.append(item.notes().strip()).append("\n");
    }
    if (!decisions.isEmpty()) {
      md.append("\n### ").append(decisions.size() == 1 ? "Decision" : "Decisions").append("\n\n");
      for (DecisionLine d : decisions) {
        md.append("- [#").append(d.number()).append(" ").append(oneLine(d.title())).append("](/decisions/").append(d.id()).append("): ")
            .append(oneLine(d.decision()));
        if (!d.rationale().isBlank()) md.append(" Why: ").append(oneLine(d.rationale()));
        md.append("\n");
      }
    }
    if (!asks.isEmpty()) {
      md.append("\n### ").append(asks.size() == 1 ? "Ask" : "Asks").append("\n\n");
      for (AskLine a : asks) {
        md.append("- **").append(oneLine(a.assigneeName())).append("**, within ").append(a.workingDays())
            .append(a.workingDays() == 1 ? " working day: " : " working days: ").append(oneLine(a.text())).append("\n");
      }
    }
    if (!noDecisionBecause.isBlank()) {
      md.append("\n### No decision, because\n\n").append(noDecisionBecause.strip()).append("\n");
    }
    return md.toString();
  }

  /** Text that must stay on its list line or heading: line breaks become spaces. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
