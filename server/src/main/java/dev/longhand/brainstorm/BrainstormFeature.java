package dev.longhand.brainstorm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.notify.NoticeSource;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Brainstorms on threads: API and pages, the due work that moves their phases and files their results, their notices. */
public final class BrainstormFeature implements Feature {
  private final BrainstormService brainstorms;
  private final Pages pages;
  private final ObjectMapper json;
  private final Clock clock;
  private final WorkspaceService workspaces;

  public BrainstormFeature(BrainstormService brainstorms, WorkspaceService workspaces, Pages pages, ObjectMapper json, Clock clock) {
    this.brainstorms = brainstorms;
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void routes(Router r) {
    new BrainstormApi(brainstorms, json).register(r);
    new BrainstormPages(brainstorms, pages, clock).register(r);
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    return brainstorms.dueWork();
  }

  /** Those who wrote in the thread hear that a brainstorm started, and when its voting opens. */
  @Override
  public List<NoticeSource> notices() {
    return List.of(new BrainstormNotices(workspaces));
  }
}
