package dev.longhand.webhook;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.WorkspaceService;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Webhooks of a workspace, kept by its owners and admins ({@link Action#MANAGE_WEBHOOKS}): subscribe a URL to kinds
 * of events, list, delete, read the delivery log, send a delivery again. A URL is checked before it is kept: http or
 * https, no credentials in it, and a host that is, or resolves only to, addresses a webhook may reach
 * ({@link AddressPolicy}); the sender checks again at every connection.
 */
public final class WebhookService {
  static final int MAX_URL = 2000;
  static final int LOG_LIMIT = 100;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final AddressPolicy policy;
  private final PinnedResolver.Lookup lookup;
  private final Runnable wakeSender;
  private final WebhookStore store = new WebhookStore();

  WebhookService(Database db, Ids ids, Clock clock, WorkspaceService workspaces, AddressPolicy policy, PinnedResolver.Lookup lookup,
      Runnable wakeSender) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.workspaces = workspaces;
    this.policy = policy;
    this.lookup = lookup;
    this.wakeSender = wakeSender;
  }

  /** How long after adding a webhook from its page its secret may still be shown (once) to the admin who added it. */
  static final java.time.Duration REVEAL_FOR = java.time.Duration.ofMinutes(10);

  /** Adds a webhook; its secret is in the answer (the API's, which shows it). */
  public Webhook.Created create(long viewerId, long workspaceId, String url, List<String> events) {
    return create(viewerId, workspaceId, url, events, false);
  }

  /**
   * Adds a webhook; with {@code revealLater} its secret is kept to be shown once to its creator by
   * {@link #takeSecretToShow} (the page's redirect) and the caller must not show the answer's.
   */
  Webhook.Created create(long viewerId, long workspaceId, String url, List<String> events, boolean revealLater) {
    manage(viewerId, workspaceId);
    if (url == null) throw Problem.invalid("url", "'url' is required: where to send the events.");
    String checked = checkUrl(url);
    List<String> kinds = checkEvents(events);
    String secret = Signature.newSecret();
    Webhook w = new Webhook(ids.next(), workspaceId, checked, kinds, viewerId, clock.millis());
    db.writeAll(h -> store.insert(h, w, secret, revealLater ? viewerId : null));
    return new Webhook.Created(w, Signature.PREFIX + secret);
  }

  /**
   * The webhook with its secret if its viewer added it from the page within {@link #REVEAL_FOR} and has not seen the
   * secret yet; taking it means it is never shown again (a reload shows nothing).
   */
  Optional<Webhook.Created> takeSecretToShow(long viewerId, long webhookId) {
    Webhook w = webhook(viewerId, webhookId);
    long since = clock.millis() - REVEAL_FOR.toMillis();
    return db.write(h -> store.takeSecretToShow(h, w.id(), viewerId, since)).map(secret -> new Webhook.Created(w, Signature.PREFIX + secret));
  }

  public List<Webhook> list(long viewerId, long workspaceId) {
    manage(viewerId, workspaceId);
    return db.read(h -> store.list(h, workspaceId));
  }

  /** A webhook its viewer may manage; unknown, foreign and (for outsiders) other workspaces' ones are all 404. */
  public Webhook webhook(long viewerId, long webhookId) {
    Webhook w = db.read(h -> store.find(h, webhookId)).orElseThrow(() -> Problem.notFound("webhook"));
    manage(viewerId, w.workspaceId());
    return w;
  }

  public void delete(long viewerId, long webhookId) {
    Webhook w = webhook(viewerId, webhookId);
    db.writeAll(h -> store.delete(h, w.id()));
  }

  public List<Webhook.Delivery> deliveries(long viewerId, long webhookId) {
    Webhook w = webhook(viewerId, webhookId);
    return db.read(h -> store.deliveries(h, w.id(), LOG_LIMIT));
  }

  /** Sends a delivery again now (whatever became of it), with a new day of retries if it fails. */
  public Webhook.Delivery redeliver(long viewerId, long webhookId, long deliveryId) {
    Webhook w = webhook(viewerId, webhookId);
    Webhook.Delivery d = db.write(h -> {
      Optional<Webhook.Delivery> found = store.delivery(h, deliveryId).filter(x -> x.webhookId() == w.id());
      if (found.isEmpty()) throw Problem.notFound("delivery");
      store.redeliver(h, deliveryId, clock.millis());
      return store.delivery(h, deliveryId).orElseThrow();
    });
    wakeSender.run();
    return d;
  }

  private void manage(long viewerId, long workspaceId) {
    Permissions.check(workspaces.accessWorkspace(viewerId, workspaceId).role(), Action.MANAGE_WEBHOOKS);
  }

  private static List<String> checkEvents(List<String> events) {
    if (events.isEmpty()) throw Problem.invalid("events", "'events' must name at least one kind of event.");
    Set<String> kinds = new LinkedHashSet<>();
    for (String e : events) {
      String k = e.strip();
      if (!WebhookEvents.OFFERED.contains(k)) {
        throw Problem.invalid("events", "'" + clip(k) + "' is not a kind of event a webhook may hear (see docs/EVENTS.md).");
      }
      kinds.add(k);
    }
    return List.copyOf(kinds);
  }

  /** The URL as it is kept (a numeric host written plainly), or 400 naming {@code url} saying what is wrong. */
  String checkUrl(String raw) {
    if (raw.length() > MAX_URL) throw Problem.invalid("url", "'url' must be at most " + MAX_URL + " characters.");
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw Problem.invalid("url", "'url' is not a valid URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) throw Problem.invalid("url", "'url' must start with http:// or https://.");
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) throw Problem.invalid("url", "'url' has no host.");
    if (authority.contains("@")) throw Problem.invalid("url", "'url' may not carry a user name or password.");
    if (uri.getRawFragment() != null) throw Problem.invalid("url", "'url' may not have a fragment (#...).");
    String host;
    String port = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) throw Problem.invalid("url", "'url' has an unclosed [ in its host.");
      host = authority.substring(0, close + 1);
      port = authority.substring(close + 1);
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon);
    }
    if (!port.isEmpty() && !port.matches(":[0-9]{1,5}") || !port.isEmpty() && (Integer.parseInt(port.substring(1)) == 0
        || Integer.parseInt(port.substring(1)) > 65535)) {
      throw Problem.invalid("url", "'url' has no valid port.");
    }
    if (host.isEmpty() || host.contains("%")) throw Problem.invalid("url", "'url' has no valid host.");
    Optional<InetAddress> literal;
    try {
      literal = AddressPolicy.literal(host);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("url", "The host of 'url' is not a valid address: " + e.getMessage() + ".");
    }
    List<InetAddress> addresses = new ArrayList<>();
    if (literal.isPresent()) {
      addresses.add(literal.get());
    } else {
      try {
        addresses.addAll(List.of(lookup.all(host)));
      } catch (UnknownHostException e) {
        throw Problem.invalid("url", "The host '" + clip(host) + "' of 'url' does not resolve.");
      }
    }
    for (InetAddress a : addresses) {
      Optional<String> why = policy.refusal(a);
      if (why.isPresent()) {
        throw Problem.invalid("url", "Webhooks may not reach addresses inside: " + why.get() + ". An operator may allow a range with LONGHAND_WEBHOOK_ALLOW.");
      }
    }
    if (literal.isEmpty()) return raw;
    InetAddress a = literal.get();
    String plain = a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return scheme + "://" + plain + port + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
