package dev.longhand.brainstorm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import java.time.Clock;
import java.util.Map;

/** Brainstorms on threads: API and pages, and the due work that moves their phases and files their results. */
public final class BrainstormFeature implements Feature {
  private final BrainstormService brainstorms;
  private final Pages pages;
  private final ObjectMapper json;
  private final Clock clock;

  public BrainstormFeature(BrainstormService brainstorms, Pages pages, ObjectMapper json, Clock clock) {
    this.brainstorms = brainstorms;
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
}
