package dev.longhand.calendar;

import dev.longhand.http.Problem;
import dev.longhand.time.FairRotation;
import dev.longhand.time.Interval;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.WorkCalendar;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a team can meet: the overlap of its members' working hours, candidate slots ranked so the
 * off-hours burden rotates, and the day bands the team-time page draws.
 */
public final class TeamTime {
  public static final int MAX_DAYS = 28;
  public static final int MAX_PEOPLE = 200;

  private final CalendarService calendars;
  private final WorkspaceService workspaces;

  public TeamTime(CalendarService calendars, WorkspaceService workspaces) {
    this.calendars = calendars;
    this.workspaces = workspaces;
  }

  /** The chosen members of a workspace (all of them when none are named), each checked to belong to it. */
  public List<Workspace.Member> members(long viewerId, long workspaceId, Collection<Long> chosen) {
    List<Workspace.Member> all = workspaces.members(viewerId, workspaceId);
    if (chosen.isEmpty()) return all;
    Map<Long, Workspace.Member> byId = new LinkedHashMap<>();
    all.forEach(m -> byId.put(m.accountId(), m));
    List<Workspace.Member> out = new ArrayList<>();
    for (long id : Set.copyOf(chosen)) {
      Workspace.Member m = byId.get(id);
      if (m == null) throw Problem.invalid("members", "Person " + id + " is not a member of this workspace.");
      out.add(m);
    }
    return out;
  }

  /** The members with their calendars, in the given order. */
  public List<OverlapFinder.Member> withCalendars(List<Workspace.Member> people) {
    if (people.isEmpty()) throw Problem.invalid("members", "Name at least one person.");
    if (people.size() > MAX_PEOPLE) throw Problem.invalid("members", "At most " + MAX_PEOPLE + " people at a time.");
    Map<Long, WorkCalendar> byId = calendars.calendars(people.stream().map(Workspace.Member::accountId).toList());
    return people.stream().filter(p -> byId.containsKey(p.accountId()))
        .map(p -> new OverlapFinder.Member(String.valueOf(p.accountId()), byId.get(p.accountId()))).toList();
  }

  /** Ranked windows over the next {@code days} in which everyone (or the most people) works. */
  public List<OverlapFinder.Window> overlap(List<OverlapFinder.Member> members, int days, Duration minLength) {
    checkDays(days);
    Instant from = calendars.now().truncatedTo(ChronoUnit.MINUTES);
    return OverlapFinder.find(members, from, from.plus(Duration.ofDays(days)), minLength);
  }

  /**
   * Slots of {@code length} for a short sync session, fairest first. Until sync sessions are
   * recorded, nobody carries past burden, so the least inconvenient slots come first.
   */
  public List<FairRotation.RankedSlot> suggestions(List<OverlapFinder.Member> members, int days, Duration length, int limit) {
    checkDays(days);
    Instant from = calendars.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    List<Interval> candidates = FairRotation.candidates(members, from, from.plus(Duration.ofDays(days)), length, Duration.ofMinutes(30));
    List<FairRotation.RankedSlot> ranked = FairRotation.rank(candidates, members, Map.of());
    return ranked.subList(0, Math.min(limit, ranked.size()));
  }

  /** One reader-local day of the team band: each member's working periods on it. */
  public record Day(LocalDate date, Interval span, Map<String, List<Interval>> periods, List<Interval> everyone) {}

  public List<Day> bands(List<OverlapFinder.Member> members, ZoneId readerZone, int days) {
    checkDays(days);
    LocalDate first = calendars.now().atZone(readerZone).toLocalDate();
    List<Day> out = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate d = first.plusDays(i);
      Interval span = new Interval(d.atStartOfDay(readerZone).toInstant(), d.plusDays(1).atStartOfDay(readerZone).toInstant());
      Map<String, List<Interval>> periods = new LinkedHashMap<>();
      for (OverlapFinder.Member m : members) periods.put(m.id(), m.calendar().periods(span.start(), span.end()));
      List<Interval> everyone = OverlapFinder.find(members, span.start(), span.end(), Duration.ofMinutes(1)).stream()
          .filter(OverlapFinder.Window::everyone).map(OverlapFinder.Window::interval)
          .sorted(java.util.Comparator.comparing(Interval::start)).toList();
      out.add(new Day(d, span, periods, everyone));
    }
    return out;
  }

  private static void checkDays(int days) {
    if (days < 1 || days > MAX_DAYS) throw Problem.invalid("days", "'days' must be between 1 and " + MAX_DAYS + ".");
  }
}
