package dev.longhand.webhook;

import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.workspace.WorkspaceService;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admins' pages: a workspace's webhooks (add, with the secret shown once; delete) and one webhook's delivery log
 * with redeliver. Reached from the workspace's page, which links them only for its owners and admins.
 */
final class WebhookPages implements Router.Routes {
  private final WebhookService webhooks;
  private final WorkspaceService workspaces;
  private final Pages pages;

  WebhookPages(WebhookService webhooks, WorkspaceService workspaces, Pages pages) {
    this.webhooks = webhooks;
    this.workspaces = workspaces;
    this.pages = pages;
  }

  @Override
  public void register(Router r) {
    r.get("/workspaces/{id}/webhooks", Access.SIGNED_IN, this::list);
    r.post("/workspaces/{id}/webhooks", Access.SIGNED_IN, this::create);
    r.get("/webhooks/{id}", Access.SIGNED_IN, this::log);
    r.post("/webhooks/{id}/delete", Access.SIGNED_IN, this::delete);
    r.post("/webhooks/{id}/deliveries/{deliveryId}/redeliver", Access.SIGNED_IN, this::redeliver);
  }

  /** The list; after adding ({@code ?added=<id>}) the new secret, the first time only and only to whoever added it. */
  private void list(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Map<String, Object> model = new HashMap<>();
    String added = ctx.queryParam("added");
    if (added != null && added.matches("[0-9]{1,18}")) {
      try {
        webhooks.takeSecretToShow(Requests.viewer(ctx).accountId(), Long.parseLong(added))
            .filter(c -> c.webhook().workspaceId() == ws)
            .ifPresent(c -> model.put("created", c));
      } catch (Problem p) {
        if (p.status() != 404) throw p; // deleted since: nothing to show
      }
    }
    ctx.header("Cache-Control", "no-store"); // the secret must not be kept by the browser either
    render(ctx, ws, model);
  }

  private void render(Context ctx, long ws, Map<String, Object> model) {
    long me = Requests.viewer(ctx).accountId();
    model.put("webhooks", webhooks.list(me, ws));
    model.put("workspace", workspaces.accessWorkspace(me, ws).workspace());
    model.put("kinds", WebhookEvents.OFFERED);
    model.putIfAbsent("draftUrl", "");
    model.putIfAbsent("draftEvents", List.of());
    pages.render(ctx, "webhook/webhooks.jte", model);
  }

  /**
   * Adds a webhook and redirects (303) to the list, which shows its secret once (kept server-side for that, never in
   * an address): reloading shows it no more and adds nothing. A refusal keeps the form.
   */
  private void create(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    long me = Requests.viewer(ctx).accountId();
    String url = ctx.formParam("url");
    List<String> events = ctx.formParams("events");
    Map<String, Object> model = new HashMap<>();
    try {
      Webhook.Created created = webhooks.create(me, ws, url == null || url.isBlank() ? null : url.strip(), events, true);
      Pages.seeOther(ctx, "/workspaces/" + ws + "/webhooks?added=" + created.webhook().id());
      return;
    } catch (Problem p) {
      if (p.status() != 400) throw p;
      model.put("error", p.detail());
      model.put("errorField", p.field().orElse("url"));
      model.put("draftUrl", url == null ? "" : url);
      model.put("draftEvents", events);
      ctx.status(400);
    }
    render(ctx, ws, model);
  }

  private void log(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Webhook w = webhooks.webhook(me, Requests.pathId(ctx, "id", "webhook"));
    Map<String, Object> model = new HashMap<>();
    model.put("webhook", w);
    model.put("workspace", workspaces.accessWorkspace(me, w.workspaceId()).workspace());
    model.put("deliveries", webhooks.deliveries(me, w.id()));
    pages.render(ctx, "webhook/deliveries.jte", model);
  }

  private void delete(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    Webhook w = webhooks.webhook(me, Requests.pathId(ctx, "id", "webhook"));
    webhooks.delete(me, w.id());
    Pages.seeOther(ctx, "/workspaces/" + w.workspaceId() + "/webhooks?notice=Webhook+deleted.");
  }

  private void redeliver(Context ctx) {
    long id = Requests.pathId(ctx, "id", "webhook");
    webhooks.redeliver(Requests.viewer(ctx).accountId(), id, Requests.pathId(ctx, "deliveryId", "delivery"));
    Pages.seeOther(ctx, "/webhooks/" + id + "?notice=Sent+again.");
  }
}
