package dev.longhand.thread;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The JSON the thread API answers, one record per shape in openapi.json: ids as strings, instants as ISO-8601
 * UTC. Fields absent when empty are null here and left out.
 */
final class ThreadJson {
  private ThreadJson() {}

  static String id(long id) {
    return String.valueOf(id);
  }

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  record Person(String id, String name, String handle) {
    static Person of(Thread.Person p) {
      return new Person(ThreadJson.id(p.id()), p.name(), p.handle());
    }
  }

  /** {@code ThreadStarted}: the new thread and where to read it; the post hooks add what the post made (asks). */
  record Started(String id, String title, String spaceId, String workspaceId, String createdAt, String url,
                 @JsonIgnore Map<String, Object> hooks) {
    static Started of(Thread t, Map<String, Object> hooks) {
      return new Started(ThreadJson.id(t.id()), t.title(), ThreadJson.id(t.spaceId()), ThreadJson.id(t.workspaceId()), ThreadJson.instant(t.createdAt()),
          "/threads/" + t.id(), hooks);
    }

    @JsonAnyGetter
    Map<String, Object> hookFields() {
      return hooks;
    }
  }

  /** A reply just posted; the post hooks add what the post made (asks). */
  record Posted(String id, String threadId, String createdAt, @JsonIgnore Map<String, Object> hooks) {
    static Posted of(Thread.Posted p, Map<String, Object> hooks) {
      return new Posted(ThreadJson.id(p.id()), ThreadJson.id(p.threadId()), ThreadJson.instant(p.createdAt()), hooks);
    }

    @JsonAnyGetter
    Map<String, Object> hookFields() {
      return hooks;
    }
  }

  /** {@code ThreadSummary}: one line of a space's thread list. */
  record Summary(String id, String title, Person author, String createdAt, String lastActivityAt, int replyCount) {
    static Summary of(Thread.Summary s) {
      return new Summary(ThreadJson.id(s.id()), s.title(), Person.of(s.author()), ThreadJson.instant(s.createdAt()), ThreadJson.instant(s.lastActivityAt()),
          s.replyCount());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Page(List<Summary> threads, String next) {
    static Page of(Thread.Page p) {
      return new Page(p.threads().stream().map(Summary::of).toList(), p.next().orElse(null));
    }
  }

  /**
   * {@code Thread}: the thread with the first page of its replies ({@code repliesNext} continues them, {@code
   * replyCount} counts them all), reactions and acknowledgements; {@code resolution} once resolved, {@code editedAt}
   * once its title or opening post was edited.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Detail(String id, String title, String body, String bodyHtml, String spaceId, String workspaceId, Person author,
                String createdAt, String lastActivityAt, List<Reply> replies, List<Reaction> reactions,
                List<Acknowledgement> acknowledgedBy, Resolutions.Json resolution, String editedAt, int replyCount,
                String repliesNext) {
    static Detail of(Thread.Detail d, UnaryOperator<String> inReaderZone, Resolutions.Json resolution) {
      Thread t = d.thread();
      return new Detail(ThreadJson.id(t.id()), t.title(), t.body(), inReaderZone.apply(d.bodyHtml()), ThreadJson.id(t.spaceId()),
          ThreadJson.id(t.workspaceId()), Person.of(d.author()), ThreadJson.instant(t.createdAt()), ThreadJson.instant(t.lastActivityAt()),
          d.replies().stream().map(r -> Reply.of(r, inReaderZone)).toList(), Reaction.all(d.reactions()),
          Acknowledgement.all(d.acknowledgements()), resolution, d.edited() ? ThreadJson.instant(d.editedAt()) : null,
          t.replyCount(), d.next().orElse(null));
    }
  }

  /** {@code Reply}; {@code editedAt} once it was edited. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Reply(String id, String body, String bodyHtml, Person author, String createdAt, List<Reaction> reactions, String editedAt) {
    static Reply of(Thread.Reply r, UnaryOperator<String> inReaderZone) {
      return new Reply(ThreadJson.id(r.id()), r.body(), inReaderZone.apply(r.bodyHtml()), Person.of(r.author()), ThreadJson.instant(r.createdAt()),
          Reaction.all(r.reactions()), r.edited() ? ThreadJson.instant(r.editedAt()) : null);
    }
  }

  /** {@code ReplyPage}: replies oldest first; {@code previous} is sent back as {@code before}, {@code next} as {@code after}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReplyPage(List<Reply> replies, String previous, String next) {
    static ReplyPage of(Thread.ReplyPage p, UnaryOperator<String> inReaderZone) {
      return new ReplyPage(p.replies().stream().map(r -> Reply.of(r, inReaderZone)).toList(), p.previous().orElse(null),
          p.next().orElse(null));
    }
  }

  /** {@code Revision}: one version of a post; {@code title} for a thread's opening post only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Revision(int number, Person editor, String at, String title, String body) {}

  /** {@code Revisions}: a post's versions, oldest first (one when it was never edited). */
  record Revisions(String postId, String threadId, List<Revision> revisions) {
    static Revisions of(Thread.History h) {
      return new Revisions(ThreadJson.id(h.postId()), ThreadJson.id(h.thread().id()), h.revisions().stream()
          .map(r -> new Revision(r.number(), Person.of(r.editor()), ThreadJson.instant(r.at()), h.opening() ? r.title() : null, r.body()))
          .toList());
    }
  }

  record Reaction(String emoji, String name, int count, boolean mine) {
    static List<Reaction> all(List<Thread.ReactionCount> counts) {
      return counts.stream().map(c -> new Reaction(c.emoji(), c.name(), c.count(), c.mine())).toList();
    }
  }

  record Acknowledgement(String id, String name, String handle, String at) {
    static List<Acknowledgement> all(List<Thread.Acknowledgement> acks) {
      return acks.stream().map(a -> new Acknowledgement(ThreadJson.id(a.person().id()), a.person().name(), a.person().handle(),
          ThreadJson.instant(a.at()))).toList();
    }
  }

  /** The answer to a reaction: the post's reactions now. */
  record Reacted(String postId, String emoji, List<Reaction> reactions) {}

  /** The answer to an acknowledgement: everyone who has acknowledged the thread so far. */
  record Acknowledged(String threadId, List<Acknowledgement> acknowledgedBy) {}

  /** {@code ScheduledPost}: a thread carries its {@code title}, a reply its {@code threadId}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Scheduled(String id, String spaceId, String threadId, String title, String body, String sendAt, String state,
                   String postedId, String failure) {
    static Scheduled of(ScheduledPosts.Scheduled s) {
      return new Scheduled(ThreadJson.id(s.id()), ThreadJson.id(s.spaceId()), s.reply() ? ThreadJson.id(s.threadId()) : null, s.reply() ? null : s.title(),
          s.body(), ThreadJson.instant(s.sendAt()), s.pending() ? "scheduled" : s.postedId().isPresent() ? "posted" : "failed",
          s.postedId().map(String::valueOf).orElse(null), s.failure().orElse(null));
    }
  }

  record ScheduledList(List<Scheduled> scheduled) {}
}
