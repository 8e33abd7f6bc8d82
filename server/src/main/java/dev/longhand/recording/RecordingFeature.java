package dev.longhand.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.markdown.Markdown;
import dev.longhand.notify.NoticeSource;
import dev.longhand.search.SearchSource;
import dev.longhand.workspace.WorkspaceService;
import java.util.List;

/** Recordings: API and pages, comment notices, search of titles and transcript cues. */
public final class RecordingFeature implements Feature {
  /** What recordings put in the search index; {@code longhand reindex} uses it too. */
  public static final List<SearchSource> SEARCH = List.of(new RecordingSearch());

  private final RecordingService recordings;
  private final WorkspaceService workspaces;
  private final Pages pages;
  private final ObjectMapper json;

  public RecordingFeature(RecordingService recordings, WorkspaceService workspaces, Pages pages, ObjectMapper json) {
    this.recordings = recordings;
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
  }

  @Override
  public void routes(Router r) {
    new RecordingApi(recordings, json).register(r);
    new RecordingPages(recordings, pages, new Markdown()).register(r);
  }

  @Override
  public List<SearchSource> searchSources() {
    return SEARCH;
  }

  @Override
  public List<NoticeSource> notices() {
    return List.of(new RecordingNotices(workspaces, new Markdown()));
  }
}
