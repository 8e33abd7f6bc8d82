package dev.longhand.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import java.util.Map;

/**
 * Sync sessions (issue 15, item 2): their API and pages, and the reminders before they start (due work). The thread
 * panel ({@link SyncPanel}) and the calendar feed's events ({@link SyncFeed}) are handed to threads and calendars by
 * {@code Longhand}.
 */
public final class SyncFeature implements Feature {
  private final SyncSessionService sessions;
  private final SyncScheduling scheduling;
  private final Pages pages;
  private final ObjectMapper json;
  private final SyncPages.Section notes;

  /** {@code notes}: what the session page shows of its live notes and closing (sync-close's {@link SyncCloseFeature#section}). */
  public SyncFeature(SyncSessionService sessions, SyncScheduling scheduling, Pages pages, ObjectMapper json, SyncPages.Section notes) {
    this.sessions = sessions;
    this.scheduling = scheduling;
    this.pages = pages;
    this.json = json;
    this.notes = notes;
  }

  @Override
  public void routes(Router r) {
    new SyncSessionApi(sessions, scheduling, json).register(r);
    new SyncPages(sessions, scheduling, pages, notes).register(r);
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    return scheduling.dueWork();
  }
}
