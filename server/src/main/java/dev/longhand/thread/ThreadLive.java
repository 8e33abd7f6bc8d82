package dev.longhand.thread;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.MemberRemoved;
import dev.longhand.event.ReactionAdded;
import dev.longhand.event.ReactionRemoved;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ReplyDeleted;
import dev.longhand.event.ReplyEdited;
import dev.longhand.event.SpaceMemberRemoved;
import dev.longhand.event.ThreadAcknowledged;
import dev.longhand.event.ThreadDeleted;
import dev.longhand.event.ThreadEdited;
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
import java.util.Map;
import java.util.Set;

/**
 * Live updates for open thread pages, over server-sent events. A page subscribes to
 * {@code /threads/{id}/events} (access is checked at subscription, and again for the person's open streams when
 * they are removed from the workspace or a space: a stream they may no longer read is closed); this hub is a
 * live-only outbox consumer, so it only ever announces what has committed. Events carry ids only
 * ({@code reply}, {@code reply-edited}, {@code reply-deleted}, {@code thread-edited}, {@code thread-deleted},
 * {@code reaction}, {@code acknowledged}); the page fetches what it shows through the usual access-checked routes. Subscribers are per node, in memory: a restart drops them and
 * the browser's EventSource reconnects by itself. A page that goes away is noticed by {@link LiveStreams}' heartbeat.
 */
public final class ThreadLive implements OutboxConsumer, Router.Routes {

  private final ThreadService threads;
  private final ObjectMapper json;
  /** At most this many missed replies are announced on subscribing; a page that missed more is better reloaded. */
  private static final int CATCH_UP = 50;
  /**
   * How long before the last reply a page heard of its catch-up looks again. Ids are made before their transaction
   * commits, on any node, so a reply with a smaller id can commit, and be announced, after a larger one: a page that
   * heard the larger one and then lost its stream would never hear the smaller one from "after the last id" alone.
   * Commits come within milliseconds of their ids (writes are short, see the outbox's horizon); this is far beyond.
   */
  static final long LATE_COMMIT_MILLIS = 5_000;

  private final LiveStreams streams = new LiveStreams("thread-live");

  public ThreadLive(ThreadService threads, ObjectMapper json) {
    this.threads = threads;
    this.json = json;
  }

  @Override
  public String name() {
    return "thread-live";
  }

  /** A few hundredths of a second, which nobody watching a page notices, lets a busy server read the outbox once per handful of commits. */
  @Override
  public long gatherNanos() {
    return 20_000_000L;
  }

  @Override
  public void register(Router r) {
    r.sse("/threads/{id}/events", Access.SIGNED_IN, this::subscribe);
  }

  private void subscribe(SseClient client) {
    long threadId = Ids.parse(client.ctx().pathParam("id"));
    try {
      if (threadId < 0) throw Problem.notFound("thread");
      threads.access(Requests.viewer(client.ctx()).accountId(), threadId);
    } catch (Problem refused) {
      client.close();
      return;
    }
    long accountId = Requests.viewer(client.ctx()).accountId();
    streams.open(threadId, accountId, client);
    LiveStreams.comment(client, "subscribed");
    catchUp(client, accountId, threadId);
  }

  /**
   * Replies posted after the last one the page showed ({@code after}, which the page sends) or the last this stream
   * announced ({@code Last-Event-ID}, which a reconnecting browser sends) and before the stream was listed: they were
   * announced to nobody here, so they are announced now. So are those made up to {@link #LATE_COMMIT_MILLIS} before
   * that last one ({@link #lookAgainFrom}), which may have committed after it. Listed first and read second, a reply
   * may be announced twice, which the page ignores; none is missed.
   */
  private void catchUp(SseClient client, long accountId, long threadId) {
    String from = client.ctx().header("Last-Event-ID");
    if (from == null || from.isBlank()) from = client.ctx().queryParam("after");
    long after = from == null ? -1 : Ids.parse(from.strip());
    if (after <= 0) return;
    try {
      var window = threads.replies(accountId, threadId, new ThreadService.At(lookAgainFrom(after), 0), ThreadService.MAX_PAGE).replies();
      for (var reply : window) if (reply.id() <= after) announce(client, threadId, reply.id());
      for (var reply : threads.replies(accountId, threadId, new ThreadService.At(after, 0), CATCH_UP).replies()) {
        announce(client, threadId, reply.id());
      }
    } catch (Problem gone) {
      client.close(); // the thread went, or their access did, between the check above and now
    }
  }

  /** The id after which a catch-up from {@code after} reads: the lowest id made {@link #LATE_COMMIT_MILLIS} before it. */
  static long lookAgainFrom(long after) {
    return Math.max(0, Ids.lowestAt(Ids.millisOf(after) - LATE_COMMIT_MILLIS) - 1);
  }

  private void announce(SseClient client, long threadId, long replyId) {
    LiveStreams.sendTo(client, "reply", data(ids("threadId", threadId, "replyId", replyId)), String.valueOf(replyId));
  }

  /** Streams open now, for metrics. */
  public int openStreams() {
    return streams.openStreams();
  }

  /** Streams open now on one thread. */
  int openStreams(long threadId) {
    return streams.openStreams(threadId);
  }

  /** What the timer does every few seconds; tests call it rather than wait. */
  void heartbeat() {
    streams.heartbeat();
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(ReplyAdded.class, ReplyEdited.class, ReplyDeleted.class, ThreadEdited.class, ThreadDeleted.class,
        ReactionAdded.class, ReactionRemoved.class, ThreadAcknowledged.class, MemberRemoved.class, SpaceMemberRemoved.class);
  }

  /** What a page hears of an event: the SSE event's name, the thread, and the ids it names. */
  private record Heard(String name, long threadId, Map<String, String> ids) {
    /** A new reply's id is the event's id, so that a reconnecting page is caught up from it; other events have none. */
    String replyId() {
      return name.equals("reply") ? ids.get("replyId") : null;
    }
  }

  private static Heard heard(DomainEvent event) {
    return switch (event) {
      case ReplyAdded r -> new Heard("reply", r.threadId(), ids("threadId", r.threadId(), "replyId", r.replyId()));
      case ReplyEdited r -> new Heard("reply-edited", r.threadId(), ids("threadId", r.threadId(), "replyId", r.replyId()));
      case ReplyDeleted r -> new Heard("reply-deleted", r.threadId(), ids("threadId", r.threadId(), "replyId", r.replyId()));
      case ThreadEdited t -> new Heard("thread-edited", t.threadId(), ids("threadId", t.threadId()));
      case ThreadDeleted t -> new Heard("thread-deleted", t.threadId(), ids("threadId", t.threadId()));
      case ReactionAdded r -> new Heard("reaction", r.threadId(),
          ids("threadId", r.threadId(), "postId", r.postId(), "accountId", r.accountId()));
      case ReactionRemoved r -> new Heard("reaction", r.threadId(),
          ids("threadId", r.threadId(), "postId", r.postId(), "accountId", r.accountId()));
      case ThreadAcknowledged a -> new Heard("acknowledged", a.threadId(), ids("threadId", a.threadId(), "accountId", a.accountId()));
      default -> null;
    };
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    if (streams.isEmpty()) return;
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case MemberRemoved m -> recheck(m.accountId());
        case SpaceMemberRemoved m -> recheck(m.accountId());
        default -> { }
      }
      Heard heard = heard(e.event());
      if (heard == null) continue;
      if (streams.has(heard.threadId())) streams.send(heard.threadId(), heard.name(), data(heard.ids()), heard.replyId());
    }
  }

  /**
   * Someone was removed from a workspace or a space: each thread they watch is asked again whether they may read
   * it (a public space may still let them), and the streams of those they may not are closed, before anything more
   * is announced to them.
   */
  private void recheck(long accountId) {
    for (long threadId : streams.keysOf(accountId)) {
      try {
        threads.access(accountId, threadId);
      } catch (Problem refused) {
        streams.close(threadId, accountId);
      }
    }
  }

  /** The ids, in order, as strings like everywhere in the API. */
  private static Map<String, String> ids(Object... namesAndIds) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndIds.length; i += 2) out.put((String) namesAndIds[i], String.valueOf(namesAndIds[i + 1]));
    return out;
  }

  /** What the browser gets. */
  private String data(Map<String, String> ids) {
    try {
      return json.writeValueAsString(ids);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
