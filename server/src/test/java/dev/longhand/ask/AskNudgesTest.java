package dev.longhand.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.account.AccountService;
import dev.longhand.calendar.CalendarService;
import dev.longhand.config.Config;
import dev.longhand.due.DueWork;
import dev.longhand.inbox.InboxService;
import dev.longhand.markdown.Markdown;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.Notifications;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.OutboxDispatcher;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import dev.longhand.thread.PostHooks;
import dev.longhand.thread.Thread;
import dev.longhand.thread.ThreadService;
import dev.longhand.time.WorkingRange;
import dev.longhand.workspace.Role;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gentle nudges on a controlled clock, on a database of its own: the assignee hears of the ask at once, again when
 * half the window has passed in their working time, and at the deadline, when the asker hears too; an answered ask
 * says nothing more. The components are wired here as Longhand wires them; only notifications are recorded.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AskNudgesTest {
  /** Monday 7 December 2026, 10:00 in Seoul, when Bo's day starts (01:00 in Lisbon). */
  static final Instant MONDAY_SEOUL_10 = Instant.parse("2026-12-07T01:00:00Z");

  @Parameter Db db;
  TestClock clock = new TestClock(MONDAY_SEOUL_10);
  Database database;
  OutboxDispatcher dispatcher;
  DueWork due;
  ThreadService threads;
  AskService asks;
  List<Notice> notices = new CopyOnWriteArrayList<>();
  long ana;
  long bo;
  long space;

  @BeforeEach
  void wire() {
    Config config = TestServers.config(db);
    database = Database.open(config.jdbcUrl());
    database.migrate();
    Ids ids = new Ids(clock, 0);
    Outbox outbox = new Outbox(ids, clock, new ObjectMapper());
    AccountService accounts = new AccountService(database, ids, clock, config.passwordCost());
    WorkspaceService workspaces = new WorkspaceService(database, ids, clock, outbox);
    CalendarService calendars = new CalendarService(database, ids, clock, workspaces);
    Notifications recorder = (h, notice) -> {
      notices.add(notice);
      return notices.size();
    };
    asks = new AskService(database, ids, clock, outbox, workspaces, calendars, recorder);
    threads = new ThreadService(database, ids, clock, outbox, workspaces, new InboxService(database, outbox, workspaces), new Markdown(), List.of(asks));
    due = new DueWork(database, ids, clock);
    dispatcher = new OutboxDispatcher(database, outbox);
    AskNudges nudges = new AskNudges(database, due, recorder, calendars);
    due.register(nudges.dueWork());
    dispatcher.register(nudges);
    dispatcher.start();

    ana = person(accounts, "Ana", "Europe/Lisbon", 9, 17);
    bo = person(accounts, "Bo", "Asia/Seoul", 10, 19);
    long workspace = workspaces.createWorkspace(ana, "Acme").id();
    workspaces.acceptInvitation(bo, workspaces.invite(ana, workspace, Role.MEMBER));
    space = workspaces.createSpace(ana, workspace, "Product", "public").id();
  }

  @AfterEach
  void close() {
    dispatcher.close();
    due.close();
    database.close();
  }

  @Test
  void boHearsOfTheAskAtHalfTimeAndAtTheDeadlineAndAnaHearsWhenItIsOverdue() throws InterruptedException {
    Thread t = threads.startThread(ana, space, "Launch plan", "Please review", Optional.of(new PostHooks.Request(String.valueOf(bo), "P2D")));
    settle();
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.recipientId()).isEqualTo(bo);
      assertThat(n.kind()).isEqualTo("ask");
      assertThat(n.level()).isEqualTo(Level.DIRECT);
      assertThat(n.threadId()).isEqualTo(t.id());
      assertThat(n.text()).contains("Launch plan", "2 working days", "Tue 8 Dec 19:00 your time");
    });

    // 2 working days of Bo's are 18 h: Monday 10-19 and Tuesday 10-19. Half of it is Monday 19:00 in Seoul.
    clock.set(Instant.parse("2026-12-07T09:59:00Z"));
    assertThat(due.runDue()).isZero();
    clock.set(Instant.parse("2026-12-07T10:00:00Z"));
    due.runDue();
    assertThat(notices).hasSize(2);
    assertThat(notices.get(1)).satisfies(n -> {
      assertThat(n.recipientId()).isEqualTo(bo);
      assertThat(n.kind()).isEqualTo("ask-nudge");
      assertThat(n.level()).isEqualTo(Level.DIRECT);
    });

    clock.set(Instant.parse("2026-12-08T10:00:00Z")); // Tuesday 19:00 in Seoul
    due.runDue();
    assertThat(notices).hasSize(4);
    assertThat(notices.subList(2, 4)).extracting(Notice::recipientId, Notice::kind, Notice::level)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(bo, "ask-nudge", Level.DIRECT),
            org.assertj.core.groups.Tuple.tuple(ana, "ask-overdue", Level.DIRECT));
    assertThat(notices).noneMatch(n -> n.level() == Level.URGENT);
    assertThat(notices.stream().filter(n -> n.kind().equals("ask-overdue")).findFirst().orElseThrow().text())
        .contains("has not answered your ask", "Launch plan", "Tue 8 Dec 10:00 your time");
  }

  @Test
  void anAnsweredAskIsNudgedNoMoreAndItsAskerIsTold() throws InterruptedException {
    Thread t = threads.startThread(ana, space, "Budget", "Numbers?", Optional.of(new PostHooks.Request(String.valueOf(bo), "PT4H")));
    settle();
    clock.set(MONDAY_SEOUL_10.plus(Duration.ofMinutes(30)));
    long answer = threads.addReply(bo, t.id(), "Here they are").id();
    settle();
    long ask = asks.queue(bo, true).open().getFirst().ask().id();
    asks.answer(bo, ask, answer);
    settle();
    clock.set(MONDAY_SEOUL_10.plus(Duration.ofDays(3)));
    due.runDue();
    assertThat(notices).extracting(Notice::kind).containsExactly("ask", "ask-answered");
    assertThat(notices.get(1)).satisfies(n -> {
      assertThat(n.recipientId()).isEqualTo(ana);
      assertThat(n.actorId()).isEqualTo(bo);
      assertThat(n.link()).isEqualTo("/threads/" + t.id() + "/replies/" + answer);
      assertThat(n.text()).contains("answered your ask", "Budget");
    });
  }

  @Test
  void aReplyAloneAnswersNothingSoTheNudgesComeAsPlanned() throws InterruptedException {
    Thread t = threads.startThread(ana, space, "Status", "Where are we?", Optional.of(new PostHooks.Request(String.valueOf(bo), "PT4H")));
    settle();
    clock.set(MONDAY_SEOUL_10.plus(Duration.ofMinutes(30)));
    threads.addReply(bo, t.id(), "Weekly status note: all green"); // a scheduled status note, say
    settle();
    assertThat(asks.queue(bo, true).open()).hasSize(1);
    clock.set(MONDAY_SEOUL_10.plus(Duration.ofDays(3)));
    due.runDue();
    assertThat(notices).extracting(Notice::kind).containsExactly("ask", "ask-nudge", "ask-nudge", "ask-overdue");
  }

  @Test
  void aWithdrawnAskIsNudgedNoMore() throws InterruptedException {
    Thread t = threads.startThread(ana, space, "Venue", "Which one?", Optional.of(new PostHooks.Request(String.valueOf(bo), "PT4H")));
    settle();
    long ask = asks.queue(ana, false).open().getFirst().ask().id();
    asks.withdraw(ana, ask);
    settle();
    clock.set(MONDAY_SEOUL_10.plus(Duration.ofDays(3)));
    due.runDue();
    assertThat(notices).extracting(Notice::kind).containsExactly("ask");
    assertThat(asks.queue(bo, true).open()).isEmpty();
    assertThat(t.id()).isPositive();
  }

  @Test
  void anAskInADeletedReplyOrThreadIsWithdrawnAndNudgedNoMore() throws InterruptedException {
    Thread t = threads.startThread(ana, space, "Pricing", "Which tier?", Optional.of(new PostHooks.Request(String.valueOf(bo), "PT4H")));
    Thread.Posted reply = threads.addReply(ana, t.id(), "And the discount?", Optional.of(new PostHooks.Request(String.valueOf(bo), "P1D")));
    settle();
    assertThat(asks.queue(bo, true).open()).hasSize(2);

    threads.edits().deleteReply(ana, reply.id());
    settle();
    assertThat(asks.queue(bo, true).open()).extracting(v -> v.ask().postId()).containsExactly(t.id());
    assertThat(asks.queue(ana, false).open()).extracting(v -> v.ask().postId()).containsExactly(t.id());

    threads.edits().deleteThread(ana, t.id());
    settle();
    assertThat(asks.queue(bo, true).open()).isEmpty();
    assertThat(asks.queue(ana, false).open()).isEmpty();
    assertThat(asks.queue(ana, false).recentlyDone()).as("listed nowhere, not even as done").isEmpty();
    clock.set(MONDAY_SEOUL_10.plus(Duration.ofDays(5)));
    due.runDue();
    assertThat(notices).extracting(Notice::kind).as("no nudge, no overdue notice").containsExactly("ask", "ask");
  }

  private void settle() throws InterruptedException {
    dispatcher.wake();
    assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
  }

  private static long person(AccountService accounts, String name, String zone, int start, int end) {
    long id = accounts.signUp(new AccountService.SignUp(name.toLowerCase() + "@example.test", name, "correct horse battery", zone)).id();
    accounts.updateSchedule(id, new AccountService.Schedule(zone, List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream().map(d -> new WorkingRange(d, LocalTime.of(start, 0), LocalTime.of(end, 0))).toList()));
    return id;
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
