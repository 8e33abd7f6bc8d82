package dev.longhand.calendar;

import dev.longhand.store.InList;
import dev.longhand.time.AwayPeriod;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for what a person's calendar is made of: zone, working hours, away periods, holidays, and feed tokens. */
final class CalendarStore {

  /** The parts of several people's calendars, read in four queries whatever their number. */
  record Parts(Map<Long, ZoneId> zones, Map<Long, List<WorkingRange>> hours, Map<Long, List<Away>> away,
      Map<Long, List<LocalDate>> holidays) {}

  Parts parts(Handle h, Collection<Long> ids) {
    Map<Long, ZoneId> zones = new HashMap<>();
    Map<Long, List<WorkingRange>> hours = new HashMap<>();
    Map<Long, List<Away>> away = new HashMap<>();
    Map<Long, List<LocalDate>> holidays = new HashMap<>();
    if (ids.isEmpty()) return new Parts(zones, hours, away, holidays);
    h.createQuery("SELECT id, time_zone FROM accounts WHERE id IN (<ids>)").bindList("ids", InList.of(ids))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), ZoneId.of(rs.getString(2))))
        .forEach(e -> zones.put(e.getKey(), e.getValue()));
    h.createQuery("SELECT account_id, day, start_minute, end_minute FROM working_hours WHERE account_id IN (<ids>) "
            + "ORDER BY account_id, day, start_minute")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), new WorkingRange(DayOfWeek.of(rs.getInt(2)),
            LocalTime.ofSecondOfDay(rs.getInt(3) * 60L), LocalTime.ofSecondOfDay((rs.getInt(4) % 1440) * 60L))))
        .forEach(e -> hours.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    h.createQuery("SELECT id, account_id, first_day, returns_on, note FROM away_periods WHERE account_id IN (<ids>) "
            + "ORDER BY first_day")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> away(rs))
        .forEach(a -> away.computeIfAbsent(a.accountId(), k -> new ArrayList<>()).add(a));
    h.createQuery("SELECT DISTINCT m.account_id, d.day FROM workspace_holidays d "
            + "JOIN workspace_members m ON m.workspace_id = d.workspace_id WHERE m.account_id IN (<ids>)")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), LocalDate.parse(rs.getString(2))))
        .forEach(e -> holidays.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return new Parts(zones, hours, away, holidays);
  }

  private static Away away(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Away(rs.getLong("id"), rs.getLong("account_id"), new AwayPeriod(LocalDate.parse(rs.getString("first_day")),
        LocalDate.parse(rs.getString("returns_on")), rs.getString("note")));
  }

  /** A person's name and handle. */
  record Name(String name, String handle) {}

  Name name(Handle h, long accountId) {
    return h.createQuery("SELECT name, handle FROM accounts WHERE id = ?").bind(0, accountId)
        .map((rs, ctx) -> new Name(rs.getString(1), rs.getString(2))).one();
  }

  /** True when both people belong to one workspace (or are the same person): who may see whose time. */
  boolean shareWorkspace(Handle h, long a, long b) {
    if (a == b) return h.createQuery("SELECT COUNT(*) FROM accounts WHERE id = ?").bind(0, a).mapTo(Integer.class).one() > 0;
    return h.createQuery("SELECT COUNT(*) FROM workspace_members x JOIN workspace_members y ON y.workspace_id = x.workspace_id "
            + "WHERE x.account_id = ? AND y.account_id = ?")
        .bind(0, a).bind(1, b).mapTo(Integer.class).one() > 0;
  }

  List<Away> awayOf(Handle h, long accountId) {
    return h.createQuery("SELECT id, account_id, first_day, returns_on, note FROM away_periods WHERE account_id = ? "
            + "ORDER BY first_day")
        .bind(0, accountId).map((rs, ctx) -> away(rs)).list();
  }

  void insertAway(Handle h, long id, long accountId, AwayPeriod p, long now) {
    h.createUpdate("INSERT INTO away_periods (id, account_id, first_day, returns_on, note, created_at) "
            + "VALUES (:id, :account, :first, :returns, :note, :now)")
        .bind("id", id).bind("account", accountId).bind("first", p.from().toString())
        .bind("returns", p.returns().toString()).bind("note", p.note()).bind("now", now).execute();
  }

  boolean deleteAway(Handle h, long accountId, long id) {
    return h.createUpdate("DELETE FROM away_periods WHERE id = ? AND account_id = ?").bind(0, id).bind(1, accountId).execute() > 0;
  }

  List<Holiday> holidays(Handle h, long workspaceId) {
    return h.createQuery("SELECT workspace_id, day, name FROM workspace_holidays WHERE workspace_id = ? ORDER BY day")
        .bind(0, workspaceId)
        .map((rs, ctx) -> new Holiday(rs.getLong(1), LocalDate.parse(rs.getString(2)), rs.getString(3))).list();
  }

  List<Holiday> holidaysOfMember(Handle h, long accountId) {
    return h.createQuery("SELECT d.workspace_id, d.day, d.name FROM workspace_holidays d "
            + "JOIN workspace_members m ON m.workspace_id = d.workspace_id WHERE m.account_id = ? ORDER BY d.day")
        .bind(0, accountId)
        .map((rs, ctx) -> new Holiday(rs.getLong(1), LocalDate.parse(rs.getString(2)), rs.getString(3))).list();
  }

  /** Everyone in a workspace: whose calendars its holidays change. */
  List<Long> memberIds(Handle h, long workspaceId) {
    return h.createQuery("SELECT account_id FROM workspace_members WHERE workspace_id = ?").bind(0, workspaceId)
        .mapTo(Long.class).list();
  }

  /** Adds or renames the holiday on that day. */
  void putHoliday(Handle h, long workspaceId, LocalDate day, String name, long by) {
    int renamed = h.createUpdate("UPDATE workspace_holidays SET name = ? WHERE workspace_id = ? AND day = ?")
        .bind(0, name).bind(1, workspaceId).bind(2, day.toString()).execute();
    if (renamed == 0) {
      h.createUpdate("INSERT INTO workspace_holidays (workspace_id, day, name, created_by) VALUES (?, ?, ?, ?)")
          .bind(0, workspaceId).bind(1, day.toString()).bind(2, name).bind(3, by).execute();
    }
  }

  boolean deleteHoliday(Handle h, long workspaceId, LocalDate day) {
    return h.createUpdate("DELETE FROM workspace_holidays WHERE workspace_id = ? AND day = ?")
        .bind(0, workspaceId).bind(1, day.toString()).execute() > 0;
  }

  void replaceFeed(Handle h, long accountId, String tokenHash, long now) {
    h.createUpdate("DELETE FROM calendar_feeds WHERE account_id = ?").bind(0, accountId).execute();
    h.createUpdate("INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES (?, ?, ?)")
        .bind(0, accountId).bind(1, tokenHash).bind(2, now).execute();
  }

  boolean deleteFeed(Handle h, long accountId) {
    return h.createUpdate("DELETE FROM calendar_feeds WHERE account_id = ?").bind(0, accountId).execute() > 0;
  }

  Optional<Long> feedCreatedAt(Handle h, long accountId) {
    return h.createQuery("SELECT created_at FROM calendar_feeds WHERE account_id = ?").bind(0, accountId)
        .mapTo(Long.class).findOne();
  }

  Optional<Long> feedOwner(Handle h, String tokenHash) {
    return h.createQuery("SELECT account_id FROM calendar_feeds WHERE token_hash = ?").bind(0, tokenHash)
        .mapTo(Long.class).findOne();
  }

  Optional<String> nameOf(Handle h, long accountId) {
    return h.createQuery("SELECT name FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).findOne();
  }
}
