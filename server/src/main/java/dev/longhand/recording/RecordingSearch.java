package dev.longhand.recording;

import dev.longhand.event.CaptionsChanged;
import dev.longhand.event.RecordingCommented;
import dev.longhand.event.RecordingDeleted;
import dev.longhand.event.RecordingUploaded;
import dev.longhand.markdown.PlainText;
import dev.longhand.search.Indexed;
import dev.longhand.search.OwnerEvents;
import dev.longhand.search.SearchSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Recordings in search: one document for the title, one per transcript cue whose address opens the player
 * at the cue's time ({@code /recordings/{id}?t=754}), and one per comment ({@code /recordings/{id}#comment-9}, kind
 * {@code recording-comment}, by its writer). The recording owns them all, so new captions replace its whole
 * transcript in the index, a new comment re-reads the recording, and deleting it takes everything away. Cues and
 * comments are plain text, handed over as Markdown that reads as exactly that text.
 */
public final class RecordingSearch implements SearchSource {
  private static final int PAGE = 200;
  private final RecordingStore store = new RecordingStore();

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public OwnerEvents events() {
    return OwnerEvents.of(RecordingUploaded.class, RecordingUploaded::recordingId).and(CaptionsChanged.class, CaptionsChanged::recordingId)
        .and(RecordingDeleted.class, RecordingDeleted::recordingId).and(RecordingCommented.class, RecordingCommented::recordingId);
  }

  @Override
  public List<Indexed> load(Handle h, Collection<Long> owners) {
    if (owners.isEmpty()) return List.of();
    return documents(h, store.byIds(h, owners));
  }

  @Override
  public void each(Handle h, Consumer<Indexed> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<Recording> page = store.page(h, after, PAGE);
      documents(h, page).forEach(sink);
      if (page.size() < PAGE) return;
      after = page.getLast().id();
    }
  }

  private List<Indexed> documents(Handle h, List<Recording> recordings) {
    if (recordings.isEmpty()) return List.of();
    Map<Long, Recording> byId = new LinkedHashMap<>();
    List<Indexed> out = new ArrayList<>();
    for (Recording r : recordings) {
      byId.put(r.id(), r);
      out.add(new Indexed("recording", r.id(), r.id(), 0, r.spaceId(), r.workspaceId(), r.uploaderId(), r.title(), r.title(),
          "", r.createdAt(), r.path()));
    }
    for (Object[] row : store.cuesOf(h, byId.keySet())) {
      Recording r = byId.get((Long) row[0]);
      Recording.Cue c = (Recording.Cue) row[1];
      String url = c.timed() ? r.path() + "?t=" + Timestamps.seconds(c.startMs()) : r.path();
      String heading = c.timed() ? r.title() + " at " + c.startText() : r.title();
      out.add(new Indexed("transcript", r.id(), c.id(), 0, r.spaceId(), r.workspaceId(), r.uploaderId(), heading, null,
          PlainText.literal(c.text()), r.createdAt(), url));
    }
    for (Object[] row : store.commentsOf(h, byId.keySet())) {
      Recording r = byId.get((Long) row[0]);
      Recording.Comment c = (Recording.Comment) row[1];
      out.add(new Indexed("recording-comment", r.id(), c.id(), 0, r.spaceId(), r.workspaceId(), c.authorId(), r.title(), null,
          PlainText.literal(c.body()), c.createdAt(), r.path() + "#comment-" + c.id()));
    }
    return out;
  }
}
