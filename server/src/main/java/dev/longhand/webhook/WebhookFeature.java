package dev.longhand.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.config.Cidr;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.workspace.WorkspaceService;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;

/**
 * Outgoing webhooks: the API and pages, the {@code webhooks} outbox consumer that turns committed events into
 * deliveries, and the sender that delivers them. {@link #start} after the server starts; {@link #close} before the
 * database.
 */
public final class WebhookFeature implements Feature, AutoCloseable {
  private final WebhookService webhooks;
  private final WorkspaceService workspaces;
  private final WebhookSender sender;
  private final WebhookConsumer consumer;
  private final Pages pages;
  private final ObjectMapper json;

  public WebhookFeature(Database db, Ids ids, Clock clock, WorkspaceService workspaces, List<Cidr> allowed, Pages pages, ObjectMapper json) {
    this(db, ids, clock, workspaces, allowed, InetAddress::getAllByName, pages, json);
  }

  WebhookFeature(Database db, Ids ids, Clock clock, WorkspaceService workspaces, List<Cidr> allowed, PinnedResolver.Lookup lookup,
      Pages pages, ObjectMapper json) {
    AddressPolicy policy = new AddressPolicy(allowed);
    this.sender = new WebhookSender(db, clock, new WebhookClient(new PinnedResolver(policy, lookup)));
    this.webhooks = new WebhookService(db, ids, clock, workspaces, policy, lookup, sender::wake);
    this.consumer = new WebhookConsumer(db, ids, clock, new WebhookEvents(json), sender);
    this.workspaces = workspaces;
    this.pages = pages;
    this.json = json;
  }

  @Override
  public void routes(Router r) {
    new WebhookApi(webhooks, json).register(r);
    new WebhookPages(webhooks, workspaces, pages).register(r);
  }

  @Override
  public List<OutboxConsumer> consumers() {
    return List.of(consumer);
  }

  /** Starts sending due deliveries. */
  /** Makes the sender look for due deliveries now (after the clock jumped). */
  public void wake() {
    sender.wake();
  }

  public void start() {
    sender.start();
  }

  @Override
  public void close() {
    sender.close();
  }
}
