package dev.longhand.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.calendar.CalendarService;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.notify.NoticeSource;
import java.util.List;
import java.util.Map;

/** The inbox and read state, and reminders to come back to a thread (due work). */
public final class InboxFeature implements Feature {
  private final InboxService inbox;
  private final Reminders reminders;
  private final CalendarService calendars;
  private final Pages pages;
  private final ObjectMapper json;

  public InboxFeature(InboxService inbox, Reminders reminders, CalendarService calendars, Pages pages, ObjectMapper json) {
    this.inbox = inbox;
    this.reminders = reminders;
    this.calendars = calendars;
    this.pages = pages;
    this.json = json;
  }

  @Override
  public void routes(Router r) {
    new ReminderRoutes(reminders, calendars, json).register(r);
    new InboxApi(inbox).register(r);
    new InboxPages(inbox, reminders, pages).register(r);
  }

  /** No notices of its own; it tells which held notices reading settled. */
  @Override
  public List<NoticeSource> notices() {
    return List.of(new ReadNotices());
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    return reminders.dueWork();
  }
}
