package dev.longhand.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Working periods computed the slow, obvious way with {@code java.time}, to check {@link WorkCalendar} against:
 * every range of every local day, cut at blocked days, each end resolved on its own (a time in a gap becomes the
 * transition, a time in an overlap the earlier instant), then sorted and merged.
 */
final class Reference {
  private Reference() {}

  static List<Interval> periods(WorkCalendar c, Instant from, Instant to) {
    ZoneId zone = c.zone();
    Set<LocalDate> blocked = new HashSet<>(c.holidays());
    for (AwayPeriod a : c.away()) {
      for (LocalDate d = a.from(); d.isBefore(a.returns()); d = d.plusDays(1)) blocked.add(d);
    }
    LocalDate first = LocalDate.ofInstant(from, zone).minusDays(2);
    LocalDate last = LocalDate.ofInstant(to, zone).plusDays(2);
    List<Interval> raw = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      for (WorkingRange r : c.week()) {
        if (r.day() != d.getDayOfWeek()) continue;
        LocalDateTime s = d.atTime(r.start().withNano(0));
        LocalDateTime e = (r.crossesMidnight() ? d.plusDays(1) : d).atTime(r.end().withNano(0));
        // cut at midnights, dropping blocked days
        for (LocalDateTime piece = s; piece.isBefore(e); ) {
          LocalDateTime midnight = piece.toLocalDate().plusDays(1).atStartOfDay();
          LocalDateTime pieceEnd = e.isBefore(midnight) ? e : midnight;
          if (!blocked.contains(piece.toLocalDate())) {
            Instant a = resolve(zone, piece);
            Instant b = resolve(zone, pieceEnd);
            if (a.isBefore(b)) raw.add(new Interval(a, b));
          }
          piece = pieceEnd;
        }
      }
    }
    raw.sort((x, y) -> x.start().compareTo(y.start()));
    List<Interval> merged = new ArrayList<>();
    for (Interval i : raw) {
      Interval lastOne = merged.isEmpty() ? null : merged.getLast();
      if (lastOne != null && !i.start().isAfter(lastOne.end())) {
        if (i.end().isAfter(lastOne.end())) merged.set(merged.size() - 1, new Interval(lastOne.start(), i.end()));
      } else {
        merged.add(i);
      }
    }
    List<Interval> clipped = new ArrayList<>();
    for (Interval i : merged) {
      if (!i.end().isAfter(from) || !i.start().isBefore(to)) continue;
      clipped.add(new Interval(i.start().isBefore(from) ? from : i.start(), i.end().isAfter(to) ? to : i.end()));
    }
    return clipped;
  }

  /** The first instant at which the wall clock shows {@code local} or later. */
  static Instant resolve(ZoneId zone, LocalDateTime local) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> valid = rules.getValidOffsets(local);
    if (valid.isEmpty()) return rules.getTransition(local).getInstant();
    Instant earliest = local.toInstant(valid.get(0));
    for (ZoneOffset o : valid) if (local.toInstant(o).isBefore(earliest)) earliest = local.toInstant(o);
    return earliest;
  }

  static boolean contains(List<Interval> periods, Instant t) {
    for (Interval i : periods) if (i.contains(t)) return true;
    return false;
  }
}
