package dev.longhand.thread;

import dev.longhand.due.DueWork;
import dev.longhand.markdown.Markdown;
import dev.longhand.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Posts keep their rendered HTML with the version of the renderer that made it ({@link Markdown#VERSION}); reads
 * show it as stored. When the renderer changes, posts of an older version are rendered again by due work that the
 * server schedules at start ({@link #scheduleAtStart}): {@value #BATCH} opening posts or replies per turn of the
 * writer, then the next turn, until none is left. Until a post's turn comes, reading it renders it on the fly.
 */
public final class PostRendering {
  static final String KIND = "render-posts";
  static final int BATCH = 200;

  private final Database db;
  private final Markdown markdown;
  private final PostEditStore store = new PostEditStore();
  private volatile DueWork due;

  PostRendering(Database db, Markdown markdown) {
    this.db = db;
    this.markdown = markdown;
  }

  /** Starts rendering again whatever an older renderer made (nothing, after the first pass of a version). */
  public void scheduleAtStart(DueWork dueWork) {
    this.due = dueWork;
    db.writeAll(h -> {
      dueWork.cancel(h, KIND, 0);
      dueWork.schedule(h, KIND, 0, Instant.EPOCH, "");
    });
  }

  Map<String, DueWork.Handler> dueWork() {
    return Map.of(KIND, this::run);
  }

  /** One turn: a batch of opening posts, else of replies; schedules the next turn while some are left. */
  private void run(Handle h, DueWork.Item item, Instant now) {
    int threads = renderBatch(h, true);
    int replies = threads < BATCH ? renderBatch(h, false) : 0; // a few stale opening posts must not strand the replies
    if ((threads == BATCH || replies == BATCH) && due != null) due.schedule(h, KIND, 0, now, "");
  }

  /** Renders up to a batch of stale posts again; answers how many. */
  int renderBatch(Handle h, boolean threads) {
    List<PostEditStore.Stale> stale = store.stale(h, threads, Markdown.VERSION, BATCH);
    if (stale.isEmpty()) return 0;
    Map<Long, Set<String>> handles = new HashMap<>();
    List<String> html = new ArrayList<>(stale.size());
    for (PostEditStore.Stale post : stale) {
      html.add(markdown.toHtml(post.body(), handles.computeIfAbsent(post.workspaceId(), w -> store.memberHandles(h, w))));
    }
    store.storeRendered(h, threads, stale, html, Markdown.VERSION);
    return stale.size();
  }
}
