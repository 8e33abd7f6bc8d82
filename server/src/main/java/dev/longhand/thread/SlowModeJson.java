package dev.longhand.thread;

/**
 * A thread's slow mode as the API answers it: the interval (ISO-8601, null when off) and when the caller may reply
 * next (ISO-8601 UTC, null when they may now).
 */
record SlowModeJson(String threadId, String interval, String nextReplyAt) {
  static SlowModeJson of(long threadId, SlowMode.Status s) {
    return new SlowModeJson(String.valueOf(threadId), SlowMode.iso(s.interval()).orElse(null),
        s.nextReplyAt() == null ? null : s.nextReplyAt().toString());
  }
}
