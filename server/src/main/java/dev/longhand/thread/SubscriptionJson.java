package dev.longhand.thread;

/** The JSON of follow and mute (openapi/live.json). */
final class SubscriptionJson {
  private SubscriptionJson() {}

  /** What applies to the reader: {@code level} (follow, normal, mute) and where it comes from (thread, space, default). */
  record Subscription(String level, String source) {
    static Subscription of(Subscriptions.State s) {
      return new Subscription(s.level().key(), s.source());
    }
  }
}
