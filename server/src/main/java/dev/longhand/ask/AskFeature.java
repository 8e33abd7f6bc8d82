package dev.longhand.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.calendar.CalendarService;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.notify.DigestSource;
import dev.longhand.notify.NoticeSource;
import dev.longhand.store.OutboxConsumer;
import java.util.List;
import java.util.Map;

/**
 * Asks: their API and pages, the nudges that follow them (an outbox consumer and its due work) and the digest
 * section of asks waiting on someone. Asks are made by posts through {@code AskService}, a thread post hook.
 */
public final class AskFeature implements Feature {
  private final AskService asks;
  private final AskNudges nudges;
  private final CalendarService calendars;
  private final Pages pages;
  private final ObjectMapper json;

  public AskFeature(AskService asks, AskNudges nudges, CalendarService calendars, Pages pages, ObjectMapper json) {
    this.json = json;
    this.asks = asks;
    this.nudges = nudges;
    this.calendars = calendars;
    this.pages = pages;
  }

  @Override
  public void routes(Router r) {
    new AskApi(asks, json).register(r);
    new AskPages(asks, pages).register(r);
  }

  @Override
  public List<OutboxConsumer> consumers() {
    return List.of(nudges);
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    return nudges.dueWork();
  }

  /** No notices through the producer (nudges notify themselves); it tells which held ask notices are settled. */
  @Override
  public List<NoticeSource> notices() {
    return List.of(new AskNotices());
  }

  @Override
  public List<DigestSource> digests() {
    return List.of(new AsksDigest(calendars));
  }
}
