package dev.longhand.webhook;

import dev.longhand.config.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a webhook may reach: none inside (loopback, private, link-local, CGNAT, multicast, unspecified,
 * broadcast, reserved), in any of the forms that name them, unless the operator allowed the range
 * ({@code LONGHAND_WEBHOOK_ALLOW}). Hosts that are numbers are read here, as browsers and curl read them
 * ({@code 2130706433}, {@code 0x7f.1}, {@code 017700000001}, {@code 127.1}, {@code [::ffff:7f00:1]}), never handed to a
 * resolver that might read them differently; an IPv6 address that carries an IPv4 one (mapped, compatible, NAT64)
 * is judged by the IPv4 address.
 */
public final class AddressPolicy {
  private final List<Cidr> allowed;

  public AddressPolicy(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** Why the address may not be reached, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    for (Cidr c : allowed) if (c.contains(address)) return Optional.empty();
    InetAddress inner = embeddedIpv4(address);
    if (inner != address) {
      for (Cidr c : allowed) if (c.contains(inner)) return Optional.empty();
    }
    String why = inner instanceof Inet4Address v4 ? ipv4(v4.getAddress()) : ipv6(address.getAddress());
    if (why == null) return Optional.empty();
    String shown = address.getHostAddress();
    return Optional.of(inner == address ? shown + " is " + why : shown + " is " + why + " (" + inner.getHostAddress() + ")");
  }

  /** The IPv4 address an IPv6 one carries (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d), else the address itself. */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) return address;
    byte[] b = address.getAddress();
    boolean mapped = zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] == 0 || b[15] == 1)); // not :: or ::1
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12);
    if (!mapped && !compatible && !nat64) return address;
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }

  private static String ipv4(byte[] b) {
    int a = b[0] & 0xff;
    int s = b[1] & 0xff;
    if (a == 0) return "unspecified (0.0.0.0/8)";
    if (a == 127) return "loopback";
    if (a == 10 || (a == 172 && (s & 0xf0) == 16) || (a == 192 && s == 168)) return "private";
    if (a == 100 && (s & 0xc0) == 64) return "shared address space (CGNAT, 100.64.0.0/10)";
    if (a == 169 && s == 254) return "link-local";
    if (a == 192 && s == 0 && (b[2] & 0xff) == 0) return "reserved for protocols (192.0.0.0/24)";
    if (a == 198 && (s & 0xfe) == 18) return "reserved for benchmarks (198.18.0.0/15)";
    if (a >= 224 && a <= 239) return "multicast";
    if (a == 255 && s == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) return "broadcast";
    if (a >= 240) return "reserved (240.0.0.0/4)";
    return null;
  }

  private static String ipv6(byte[] b) {
    if (zero(b, 0, 16)) return "unspecified (::)";
    if (zero(b, 0, 15) && b[15] == 1) return "loopback";
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc) return "private (unique local, fc00::/7)";
    if (first == 0xfe && (b[1] & 0xc0) == 0x80) return "link-local";
    if (first == 0xfe && (b[1] & 0xc0) == 0xc0) return "site-local";
    if (first == 0xff) return "multicast";
    return null;
  }

  /**
   * The address a host names when it is written as a number, read as browsers and curl read it (inet_aton: one to
   * four parts, each decimal, octal with a leading 0 or hex with 0x, the last filling the bytes left; IPv6 in
   * brackets or bare); empty when it is a name. Throws {@link IllegalArgumentException} for a host that ends in a
   * number but is no address ({@code 1.2.3.4.5}, {@code 256.1.1.1}), which browsers refuse too.
   */
  public static Optional<InetAddress> literal(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    if (h.contains(":")) {
      if (!h.matches("[0-9a-f:.]+")) throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
      try {
        return Optional.of(InetAddress.getByName(h)); // a literal with ':' is parsed, never looked up
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
      }
    }
    if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
    String[] parts = h.split("\\.", -1);
    if (!number(parts[parts.length - 1])) return Optional.empty();
    if (parts.length > 4) throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!number(parts[i])) throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
      values[i] = value(parts[i], host);
    }
    long last = values[parts.length - 1];
    int lastBytes = 5 - parts.length;
    if (last >= 1L << (8 * lastBytes)) throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
    byte[] b = new byte[4];
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 255) throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
      b[i] = (byte) values[i];
    }
    for (int i = 0; i < lastBytes; i++) b[3 - i] = (byte) (last >>> (8 * i));
    try {
      return Optional.of(InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean number(String part) {
    return part.matches("[0-9]+|0x[0-9a-f]*");
  }

  private static long value(String part, String host) {
    try {
      if (part.startsWith("0x")) return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
      if (part.length() > 1 && part.startsWith("0")) {
        if (!part.matches("[0-7]+")) throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
        return Long.parseLong(part, 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
    }
  }
}
