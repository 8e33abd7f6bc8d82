package dev.longhand.ask;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the ask API answers ({@code Ask} in openapi.json), also the {@code asks} of a post's answer: ids as
 * strings, instants ISO-8601 UTC; {@code doneAt} and {@code doneHow} only once done, {@code answer} once answered.
 */
final class AskJson {
  private AskJson() {}

  record Queue(String queue, List<View> asks, List<View> recentlyDone) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String id, ThreadRef thread, String postId, String url, Person asker, Person assignee, String within,
              String withinText, String createdAt, Due due, boolean overdue, Age age, boolean done, String doneAt,
              String doneHow, Answer answer) {
    static View of(Ask.View v) {
      Ask a = v.ask();
      return new View(String.valueOf(a.id()), new ThreadRef(String.valueOf(a.threadId()), v.row().threadTitle()),
          String.valueOf(a.postId()), a.path(), Person.of(v.row().asker()), Person.of(v.row().assignee()), a.within(),
          Within.parse(a.within()).map(Within::words).orElse(a.within()), instant(a.createdAt()),
          new Due(instant(a.dueAt()), v.dueYours(), v.dueTheirs(), v.dueLine()), v.overdue(),
          new Age(v.ageMinutes(), v.age()), a.isDone(), a.isDone() ? instant(a.doneAt()) : null,
          a.isDone() ? a.doneHow() : null,
          a.answerId() != 0 ? new Answer(String.valueOf(a.answerId()), a.answerPath()) : null);
    }
  }

  record ThreadRef(String id, String title) {}

  /** The reply its assignee marked as the answer. */
  record Answer(String replyId, String url) {}

  record Person(String id, String name, String handle) {
    static Person of(Ask.Person p) {
      return new Person(String.valueOf(p.id()), p.name(), p.handle());
    }
  }

  record Due(String at, String yours, String theirs, String text) {}

  record Age(long workingMinutes, String text) {}

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
