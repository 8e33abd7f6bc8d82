package dev.longhand.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;

/** REST handlers: a thread's signals with their suggestion, and dismissing the suggestion with a reason. */
final class SignalApi implements Router.Routes {
  private final SignalService signals;
  private final ObjectMapper json;

  SignalApi(SignalService signals, ObjectMapper json) {
    this.signals = signals;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/threads/{id}/signals", Access.SIGNED_IN, this::show);
    r.post("/api/v1/threads/{id}/signals/dismissal", Access.SIGNED_IN, this::dismiss);
  }

  private void show(Context ctx) {
    ctx.json(SignalJson.Signals.of(signals.view(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "thread"))));
  }

  private void dismiss(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    String reason = Input.of(ctx, json).optionalText("reason", 100_000).orElse(null); // the service checks its length
    ctx.json(SignalJson.Signals.of(signals.dismiss(Requests.viewer(ctx).accountId(), thread, reason)));
  }
}
