package dev.longhand.sync;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A session's iCalendar invitation (RFC 5545/5546): {@code METHOD:REQUEST} while scheduled, {@code METHOD:CANCEL} once
 * cancelled, with its ORGANIZER and an ATTENDEE per participant, a UID stable for the session's life and the SEQUENCE
 * that every reschedule raises. Times are UTC: calendar apps show them in each reader's zone.
 */
final class SyncInvites {
  private SyncInvites() {}

  /** The summary line of invites, mails and feeds: "Sync: the purpose". */
  static String summary(SyncSession s) {
    return "Sync: " + s.purpose();
  }

  /** What the invite and its mail say beneath the summary: the agenda, the call link, the page. */
  static String description(SyncSession.Detail d, String pageUrl) {
    StringBuilder b = new StringBuilder("Purpose: ").append(d.session().purpose()).append("\n\nAgenda:\n");
    for (SyncSession.AgendaItem a : d.agenda()) b.append(a.index() + 1).append(". ").append(a.text()).append('\n');
    if (!d.session().callLink().isEmpty()) b.append("\nCall: ").append(d.session().callLink()).append('\n');
    b.append("\nSession page: ").append(pageUrl).append('\n');
    return b.toString();
  }

  /** The invitation as iCalendar text; {@code emails} maps the participants' ids to their addresses. */
  static String ics(SyncSession.Detail d, Map<Long, String> emails, String pageUrl, Instant now) {
    SyncSession s = d.session();
    boolean cancelled = s.status() == SyncSession.Status.CANCELLED;
    Calendar ics = new Calendar();
    ics.add(new ProdId("-//Longhand//Longhand sync sessions//EN"));
    ics.add(ImmutableVersion.VERSION_2_0);
    ics.add(ImmutableCalScale.GREGORIAN);
    ics.add(cancelled ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
    VEvent e = new VEvent(Instant.ofEpochMilli(s.startAt()), Instant.ofEpochMilli(s.endAt()), summary(s));
    e.replace(new DtStamp(now));
    e.add(new Uid(s.uid()));
    e.add(new Sequence(s.sequence()));
    e.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
    e.add(new Description(description(d, pageUrl)));
    e.add(new Url(URI.create(pageUrl)));
    if (!s.callLink().isEmpty()) e.add(new Location(s.callLink()));
    Organizer organizer = new Organizer(mailto(emails.getOrDefault(d.organiser().id(), "")));
    organizer.add(new Cn(d.organiser().name()));
    e.add(organizer);
    for (SyncSession.Participant p : d.participants()) {
      String email = emails.get(p.person().id());
      if (email == null) continue;
      Attendee a = new Attendee(mailto(email));
      a.add(new Cn(p.person().name()));
      a.add(p.person().id() == d.organiser().id() ? Role.CHAIR : Role.REQ_PARTICIPANT);
      a.add(p.person().id() == d.organiser().id() ? PartStat.ACCEPTED : PartStat.NEEDS_ACTION);
      if (p.person().id() != d.organiser().id()) a.add(Rsvp.TRUE);
      e.add(a);
    }
    ics.add(e);
    return ics.toString();
  }

  private static URI mailto(String email) {
    return URI.create("mailto:" + email.replace(" ", ""));
  }
}
