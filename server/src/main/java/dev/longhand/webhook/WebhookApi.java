package dev.longhand.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;

/** REST handlers for webhooks: subscribe, list, delete, the delivery log and redelivery. Admins only. */
final class WebhookApi implements Router.Routes {
  private final WebhookService webhooks;
  private final ObjectMapper json;

  WebhookApi(WebhookService webhooks, ObjectMapper json) {
    this.webhooks = webhooks;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/workspaces/{id}/webhooks", Access.SIGNED_IN, this::create);
    r.get("/api/v1/workspaces/{id}/webhooks", Access.SIGNED_IN, this::list);
    r.delete("/api/v1/webhooks/{id}", Access.SIGNED_IN, this::delete);
    r.get("/api/v1/webhooks/{id}/deliveries", Access.SIGNED_IN, this::deliveries);
    r.post("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", Access.SIGNED_IN, this::redeliver);
  }

  private void create(Context ctx) {
    long workspace = Requests.pathId(ctx, "id", "workspace");
    long me = Requests.viewer(ctx).accountId();
    Input in = Input.of(ctx, json);
    String url = in.optionalText("url", WebhookService.MAX_URL + 1).orElse(null);
    ctx.status(201).json(WebhookJson.Created.of(webhooks.create(me, workspace, url, in.strings("events"))));
  }

  private void list(Context ctx) {
    var list = webhooks.list(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "workspace"));
    ctx.json(new WebhookJson.Hooks(list.stream().map(WebhookJson.Hook::of).toList(), WebhookEvents.OFFERED));
  }

  private void delete(Context ctx) {
    webhooks.delete(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "webhook"));
    ctx.status(204);
  }

  private void deliveries(Context ctx) {
    var log = webhooks.deliveries(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "webhook"));
    ctx.json(new WebhookJson.Deliveries(log.stream().map(WebhookJson.Delivery::of).toList()));
  }

  private void redeliver(Context ctx) {
    var d = webhooks.redeliver(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "webhook"),
        Requests.pathId(ctx, "deliveryId", "delivery"));
    ctx.status(202).json(WebhookJson.Delivery.of(d));
  }
}
