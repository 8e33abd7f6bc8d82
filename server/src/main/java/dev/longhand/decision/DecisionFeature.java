package dev.longhand.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.notify.DigestSource;
import dev.longhand.search.SearchSource;
import java.util.List;
import java.util.Map;

/** Decisions and resolving threads into them: API and pages, revisit reminders, search. */
public final class DecisionFeature implements Feature {
  /** What decisions put in the search index; {@code longhand reindex} uses it too. */
  public static final List<SearchSource> SEARCH = List.of(new DecisionSearch());

  private final DecisionService decisions;
  private final ThreadResolutions resolutions;
  private final Pages pages;
  private final ObjectMapper json;

  public DecisionFeature(DecisionService decisions, ThreadResolutions resolutions, Pages pages, ObjectMapper json) {
    this.decisions = decisions;
    this.resolutions = resolutions;
    this.pages = pages;
    this.json = json;
  }

  @Override
  public void routes(Router r) {
    new DecisionApi(decisions, resolutions, json).register(r);
    new DecisionPages(decisions, resolutions, pages).register(r);
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    return decisions.dueWork();
  }

  /** Decisions recorded, changed or superseded since one's last digest. */
  @Override
  public List<DigestSource> digests() {
    return List.of(new DecisionDigest());
  }

  @Override
  public List<SearchSource> searchSources() {
    return SEARCH;
  }
}
