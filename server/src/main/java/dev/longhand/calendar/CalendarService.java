package dev.longhand.calendar;

import dev.longhand.account.Secrets;
import dev.longhand.account.WorkingTimeChanges;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.time.AwayPeriod;
import dev.longhand.time.LocalTimes;
import dev.longhand.time.NoWorkingTimeException;
import dev.longhand.time.PersonTime;
import dev.longhand.time.WorkCalendar;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * People's time: builds each person's {@link WorkCalendar} from their zone, working hours, away
 * periods and their workspaces' holidays, and answers questions about it for people who may see
 * it (anyone sharing a workspace with them).
 */
public final class CalendarService implements LocalTimes {
  /** Longest working duration one may add: a quarter of a year of working time is plenty for a deadline. */
  static final Duration MAX_ADD = Duration.ofDays(92);

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final CalendarStore store = new CalendarStore();
  private final WorkingTimeChanges changes;
  private final FeedEvents feedEvents;

  public CalendarService(Database db, Ids ids, Clock clock, WorkspaceService workspaces) {
    this(db, ids, clock, workspaces, WorkingTimeChanges.NONE);
  }

  /** {@code changes} hears of every away period and holiday added or removed, for each person whose calendar it changes. */
  public CalendarService(Database db, Ids ids, Clock clock, WorkspaceService workspaces, WorkingTimeChanges changes) {
    this(db, ids, clock, workspaces, changes, FeedEvents.NONE);
  }

  /** {@code feedEvents} adds other features' events (sync sessions) to each person's calendar feed. */
  public CalendarService(Database db, Ids ids, Clock clock, WorkspaceService workspaces, WorkingTimeChanges changes,
      FeedEvents feedEvents) {
    this.feedEvents = feedEvents;
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.workspaces = workspaces;
    this.changes = changes;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Calendars of several people, in the order asked; unknown ids are left out. */
  public Map<Long, WorkCalendar> calendars(Collection<Long> accountIds) {
    return db.read(h -> calendars(h, accountIds));
  }

  /** The same, inside a caller's transaction. */
  public Map<Long, WorkCalendar> calendars(Handle h, Collection<Long> accountIds) {
    CalendarStore.Parts parts = store.parts(h, accountIds);
    Map<Long, WorkCalendar> out = new LinkedHashMap<>();
    for (long id : accountIds) {
      var zone = parts.zones().get(id);
      if (zone == null) continue;
      out.put(id, WorkCalendar.of(zone, parts.hours().getOrDefault(id, List.of()),
          parts.away().getOrDefault(id, List.of()).stream().map(Away::period).toList(),
          parts.holidays().getOrDefault(id, List.of())));
    }
    return out;
  }

  public WorkCalendar calendarOf(long accountId) {
    WorkCalendar c = calendars(List.of(accountId)).get(accountId);
    if (c == null) throw Problem.notFound("person");
    return c;
  }

  @Override
  public Map<Long, PersonTime> of(Collection<Long> accountIds) {
    Instant now = clock.instant();
    Map<Long, PersonTime> out = new HashMap<>();
    calendars(accountIds.stream().distinct().toList()).forEach((id, c) -> out.put(id, PersonTime.of(c, now)));
    return out;
  }

  /** The local times of the people on a page, and the reader's own calendar for the times written in it. */
  public PageTimes pageTimes(long viewerId, Collection<Long> people) {
    java.util.Set<Long> ids = new java.util.LinkedHashSet<>(people);
    ids.add(viewerId);
    Map<Long, WorkCalendar> cals = calendars(List.copyOf(ids));
    Instant now = clock.instant();
    Map<Long, PersonTime> times = new HashMap<>();
    cals.forEach((id, c) -> times.put(id, PersonTime.of(c, now)));
    WorkCalendar reader = cals.get(viewerId);
    if (reader == null) throw Problem.notFound("person");
    return new PageTimes(times, reader, now);
  }

  /** A person's calendar, if the viewer shares a workspace with them; otherwise 404, as for an unknown id. */
  public WorkCalendar visibleCalendar(long viewerId, long personId) {
    if (!db.read(h -> store.shareWorkspace(h, viewerId, personId))) throw Problem.notFound("person");
    return calendarOf(personId);
  }

  public record Person(long id, String name, String handle, PersonTime time, Optional<AwayPeriod> away) {}

  /** The people of a workspace with their local time now. */
  public List<Person> workspacePeople(long viewerId, long workspaceId) {
    return people(workspaces.members(viewerId, workspaceId));
  }

  /** The people who may read a space (who a mention there reaches), with their local time now. */
  public List<Person> spacePeople(long viewerId, long spaceId) {
    return people(workspaces.spaceReaders(viewerId, spaceId));
  }

  public Person person(long viewerId, long personId) {
    WorkCalendar c = visibleCalendar(viewerId, personId);
    var member = db.read(h -> store.name(h, personId));
    Instant now = clock.instant();
    return new Person(personId, member.name(), member.handle(), PersonTime.of(c, now), c.statusAt(now).away());
  }

  private List<Person> people(List<Workspace.Member> members) {
    Map<Long, WorkCalendar> calendars = calendars(members.stream().map(Workspace.Member::accountId).toList());
    Instant now = clock.instant();
    return members.stream().filter(m -> calendars.containsKey(m.accountId())).map(m -> {
      WorkCalendar c = calendars.get(m.accountId());
      return new Person(m.accountId(), m.name(), m.handle(), PersonTime.of(c, now), c.statusAt(now).away());
    }).toList();
  }

  /** When {@code amount} of the person's working time will have passed since {@code from}. */
  public Instant addWorking(long viewerId, long personId, Instant from, Duration amount) {
    if (amount.isNegative() || amount.compareTo(MAX_ADD) > 0) {
      throw Problem.invalid("add", "'add' must be a working duration between PT0S and P92D, such as PT16H.");
    }
    WorkCalendar c = visibleCalendar(viewerId, personId);
    try {
      return c.addWorking(from, amount);
    } catch (NoWorkingTimeException e) {
      throw Problem.conflict("add", "This person has no working hours to count in; they have not set any.");
    }
  }

  /** Working time in the person's calendar between two instants. */
  public Duration workingBetween(long viewerId, long personId, Instant from, Instant to) {
    if (to.isBefore(from)) throw Problem.invalid("to", "'to' must not be before 'from'.");
    if (Duration.between(from, to).toDays() > 366 * 2) throw Problem.invalid("to", "'to' must be within two years of 'from'.");
    return visibleCalendar(viewerId, personId).workingBetween(from, to);
  }

  // Away periods: one's own.

  public List<Away> away(long accountId) {
    return db.read(h -> store.awayOf(h, accountId));
  }

  public Away addAway(long accountId, LocalDate from, LocalDate returns, String note) {
    if (!returns.isAfter(from)) throw Problem.invalid("returns", "'returns' is the day you are back: it must be after 'from'.");
    if (from.until(returns).toTotalMonths() >= 24) throw Problem.invalid("returns", "An away period can last at most two years.");
    AwayPeriod p = new AwayPeriod(from, returns, note);
    long id = ids.next();
    db.writeAll(h -> {
      store.insertAway(h, id, accountId, p, clock.millis());
      changes.changed(h, accountId);
    });
    return new Away(id, accountId, p);
  }

  public void removeAway(long accountId, long awayId) {
    boolean removed = db.write(h -> {
      boolean gone = store.deleteAway(h, accountId, awayId);
      if (gone) changes.changed(h, accountId);
      return gone;
    });
    if (!removed) throw Problem.notFound("away period");
  }

  // Holidays: a workspace's, kept by its admins, seen by its members.

  public List<Holiday> holidays(long viewerId, long workspaceId) {
    workspaces.accessWorkspace(viewerId, workspaceId);
    return db.read(h -> store.holidays(h, workspaceId));
  }

  public List<Holiday> holidaysOf(long accountId) {
    return db.read(h -> store.holidaysOfMember(h, accountId));
  }

  public void putHoliday(long viewerId, long workspaceId, LocalDate day, String name) {
    requireAdmin(viewerId, workspaceId);
    db.writeAll(h -> {
      store.putHoliday(h, workspaceId, day, name, viewerId);
      for (long member : store.memberIds(h, workspaceId)) changes.changed(h, member);
    });
  }

  public void removeHoliday(long viewerId, long workspaceId, LocalDate day) {
    requireAdmin(viewerId, workspaceId);
    boolean removed = db.write(h -> {
      boolean gone = store.deleteHoliday(h, workspaceId, day);
      if (gone) for (long member : store.memberIds(h, workspaceId)) changes.changed(h, member);
      return gone;
    });
    if (!removed) throw Problem.notFound("holiday");
  }

  private void requireAdmin(long viewerId, long workspaceId) {
    Permissions.check(workspaces.accessWorkspace(viewerId, workspaceId).role(), Action.MANAGE_HOLIDAYS);
  }

  // The personal calendar feed: a secret address, shown once, stored hashed, replaced or revoked at will.

  /** Makes a new feed address for the person (the old one stops working); returns its secret token. */
  public String newFeed(long accountId) {
    String token = Secrets.newSecret("lhc_");
    db.writeAll(h -> store.replaceFeed(h, accountId, Secrets.hash(token), clock.millis()));
    return token;
  }

  public boolean revokeFeed(long accountId) {
    return db.write(h -> store.deleteFeed(h, accountId));
  }

  public Optional<Long> feedCreatedAt(long accountId) {
    return db.read(h -> store.feedCreatedAt(h, accountId));
  }

  /** The iCalendar text of the feed with this token; 404 for an unknown or revoked one. */
  public String feed(String token) {
    long owner = db.read(h -> store.feedOwner(h, Secrets.hash(token))).orElseThrow(() -> Problem.notFound("calendar feed"));
    String name = db.read(h -> store.nameOf(h, owner)).orElseThrow(() -> Problem.notFound("calendar feed"));
    return CalendarFeed.render(owner, name, calendarOf(owner), holidaysOf(owner), clock.instant(), feedEvents);
  }
}
