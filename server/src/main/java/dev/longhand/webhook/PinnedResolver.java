package dev.longhand.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * How the webhook client finds a receiver: the host is looked up once (a number is read by {@link AddressPolicy}),
 * every address it names is checked, and the client connects to exactly those checked addresses. There is no second
 * lookup between checking and connecting, so a name that answers a public address to the check and an inside one
 * to the connection (DNS rebinding) reaches nothing; a host with any refused address is refused whole.
 */
final class PinnedResolver implements SocketAddressResolver {
  /** Looks a name up: {@link InetAddress#getAllByName} in service; tests answer for names of their own. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] all(String host) throws UnknownHostException;
  }

  /** The receiver's address is not one a webhook may reach. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final AddressPolicy policy;
  private final Lookup lookup;

  PinnedResolver(AddressPolicy policy, Lookup lookup) {
    this.policy = policy;
    this.lookup = lookup;
  }

  @Override
  public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
    try {
      List<InetSocketAddress> checked = new ArrayList<>();
      for (InetAddress a : addresses(host)) checked.add(new InetSocketAddress(a, port));
      promise.succeeded(checked);
    } catch (Refused | UnknownHostException | IllegalArgumentException e) {
      promise.failed(e);
    }
  }

  /** The host's addresses, all allowed; else {@link Refused} naming the first that is not. */
  List<InetAddress> addresses(String host) throws Refused, UnknownHostException {
    Optional<InetAddress> literal = AddressPolicy.literal(host);
    InetAddress[] found = literal.isPresent() ? new InetAddress[] {literal.get()} : lookup.all(host);
    if (found.length == 0) throw new UnknownHostException(host);
    for (InetAddress a : found) {
      Optional<String> why = policy.refusal(a);
      if (why.isPresent()) throw new Refused("refused to connect to " + host + ": " + why.get());
    }
    return List.of(found);
  }
}
