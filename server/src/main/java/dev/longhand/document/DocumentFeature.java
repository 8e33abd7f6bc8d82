package dev.longhand.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.markdown.Markdown;
import dev.longhand.notify.DigestSource;
import dev.longhand.notify.NoticeSource;
import dev.longhand.search.SearchSource;
import dev.longhand.workspace.WorkspaceService;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/** Versioned documents: API and pages, comment notices, search of documents and their comments. */
public final class DocumentFeature implements Feature {
  /** What documents put in the search index; {@code longhand reindex} uses it too. */
  public static final List<SearchSource> SEARCH = List.of(new DocumentSearch(), DocumentSearch.COMMENTS);

  private final DocumentService documents;
  private final WorkspaceService workspaces;
  private final Pages pages;
  private final ObjectMapper json;
  private final LongFunction<UnaryOperator<String>> readerTimes;

  public DocumentFeature(DocumentService documents, WorkspaceService workspaces, Pages pages, ObjectMapper json,
                         LongFunction<UnaryOperator<String>> readerTimes) {
    this.documents = documents;
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
    this.readerTimes = readerTimes;
  }

  @Override
  public void routes(Router r) {
    new DocumentApi(documents, json, readerTimes).register(r);
    new DocumentPages(documents, pages, readerTimes).register(r);
  }

  @Override
  public List<SearchSource> searchSources() {
    return SEARCH;
  }

  @Override
  public List<NoticeSource> notices() {
    return List.of(new DocumentNotices(workspaces, new Markdown()));
  }

  /** Documents revised or commented on since one's last digest. */
  @Override
  public List<DigestSource> digests() {
    return List.of(new DocumentDigest());
  }
}
