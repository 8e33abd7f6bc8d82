package dev.longhand.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;

/** The suggestion's "Dismiss" form: posts the reason and returns to the thread (without one, the error page, 400). */
final class SignalPages implements Router.Routes {
  private final SignalService signals;
  private final ObjectMapper json;

  SignalPages(SignalService signals, ObjectMapper json) {
    this.signals = signals;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/threads/{id}/signals/dismiss", Access.SIGNED_IN, this::dismiss);
  }

  private void dismiss(Context ctx) {
    long thread = Requests.pathId(ctx, "id", "thread");
    String reason = Input.of(ctx, json).optionalText("reason", 100_000).orElse(null); // the service checks its length
    // the form requires the reason; a request without one gets the error page (400 naming it)
    signals.dismiss(Requests.viewer(ctx).accountId(), thread, reason);
    Pages.seeOther(ctx, "/threads/" + thread + "?notice=Suggestion+dismissed%3A+the+same+signals+will+not+bring+it+back.");
  }
}
