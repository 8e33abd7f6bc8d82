package dev.longhand.http;

import io.javalin.http.Context;

/**
 * What the operations side does around every request (request ids and the request log, metrics, rate limits),
 * called by {@link WebServer}; the HTTP layer knows no more of it than these three moments.
 */
public interface RequestHooks {
  RequestHooks NONE = new RequestHooks() {};

  /** First thing on every request, before anything can fail. */
  default void started(Context ctx) {}

  /** Once it is known who is asking, before CSRF and the handler; may refuse the request by throwing a {@link Problem}. */
  default void admit(Context ctx) {}

  /** After the answer was written, however it ended, with how long it took. */
  default void finished(Context ctx, float millis) {}
}
