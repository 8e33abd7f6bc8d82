package dev.longhand.sync;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.MemberRemoved;
import dev.longhand.event.SpaceMemberRemoved;
import dev.longhand.event.SyncNotesSaved;
import dev.longhand.event.SyncSessionClosed;
import dev.longhand.http.Access;
import dev.longhand.http.LiveStreams;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;

/**
 * Live notes on open session pages, over server-sent events, as thread pages hear their replies: a page subscribes to
 * {@code /sync-sessions/{id}/notes/events} (access checked then, and again for a person's open streams when they are
 * removed from the workspace or a space); this live-only outbox consumer announces only what committed. Events carry
 * ids only: {@code notes} (someone saved notes; the page fetches them through the access-checked API) and
 * {@code closed} (the session was closed; the page offers its summary). {@link LiveStreams}' heartbeat closes the
 * streams of pages that went away.
 */
public final class SyncNotesLive implements OutboxConsumer, Router.Routes {
  private final SyncNotes notes;
  private final LiveStreams streams = new LiveStreams("sync-notes-live");

  public SyncNotesLive(SyncNotes notes) {
    this.notes = notes;
  }

  @Override
  public String name() {
    return "sync-notes-live";
  }

  @Override
  public long gatherNanos() {
    return 20_000_000L;
  }

  @Override
  public void register(Router r) {
    r.sse("/sync-sessions/{id}/notes/events", Access.SIGNED_IN, this::subscribe);
  }

  private void subscribe(SseClient client) {
    long sessionId = Ids.parse(client.ctx().pathParam("id"));
    long me = Requests.viewer(client.ctx()).accountId();
    try {
      if (sessionId < 0) throw Problem.notFound("sync session");
      notes.access(me, sessionId);
    } catch (Problem refused) {
      client.close();
      return;
    }
    streams.open(sessionId, me, client);
    LiveStreams.comment(client, "subscribed");
  }

  /** Streams open now, for metrics and tests. */
  public int openStreams() {
    return streams.openStreams();
  }

  /** What the timer does every few seconds; tests call it rather than wait. */
  void heartbeat() {
    streams.heartbeat();
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(SyncNotesSaved.class, SyncSessionClosed.class, MemberRemoved.class, SpaceMemberRemoved.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    if (streams.isEmpty()) return;
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case SyncNotesSaved n -> streams.send(n.sessionId(), "notes", "{\"sessionId\":\"" + n.sessionId() + "\",\"savedBy\":\"" + n.savedBy() + "\"}");
        case SyncSessionClosed c -> streams.send(c.sessionId(), "closed", "{\"sessionId\":\"" + c.sessionId() + "\"}");
        case MemberRemoved m -> recheck(m.accountId());
        case SpaceMemberRemoved m -> recheck(m.accountId());
        default -> { }
      }
    }
  }

  /** Someone lost access somewhere: their streams of sessions they may no longer read are closed. */
  private void recheck(long accountId) {
    for (long sessionId : streams.keysOf(accountId)) {
      try {
        notes.access(accountId, sessionId);
      } catch (Problem refused) {
        streams.close(sessionId, accountId);
      }
    }
  }
}
