package dev.longhand.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A range of addresses written as CIDR ({@code 127.0.0.0/8}, {@code ::1/128}, or one address, which is all its bits):
 * what {@code LONGHAND_WEBHOOK_ALLOW} lists. An IPv4 range also covers that range's IPv4-mapped IPv6 form, as Java
 * reads {@code ::ffff:a.b.c.d} as the IPv4 address.
 *
 * @param network the range's first address, its host bits cleared
 * @param bits    the prefix length
 */
public record Cidr(InetAddress network, int bits) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

  /** Whether the address lies in this range (an IPv4 range holds no IPv6 address, and the other way round). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) return false;
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (n[i / 8] & mask)) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + bits;
  }

  /** One range; throws {@link IllegalArgumentException} naming {@code setting} and what is wrong. */
  public static Cidr parse(String text, String setting) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    // Only literal addresses: InetAddress.getByName would look a name up in DNS.
    boolean v4 = IPV4.matcher(address).matches();
    if (!v4 && !(address.contains(":") && IPV6.matcher(address).matches())) {
      throw new IllegalArgumentException(setting + " must list ranges such as 127.0.0.0/8 or ::1/128, not '" + t + "'");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(setting + " must list ranges such as 127.0.0.0/8 or ::1/128, not '" + t + "'");
    }
    if (v4 && bytes.length != 4) throw new IllegalArgumentException(setting + ": '" + t + "' is not an address");
    int max = bytes.length * 8;
    int bits = max;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > max) throw new IllegalArgumentException(setting + ": the prefix of '" + t + "' must be 0 to " + max);
    }
    for (int i = bits; i < max; i++) bytes[i / 8] &= (byte) ~(0x80 >>> (i % 8));
    try {
      return new Cidr(InetAddress.getByAddress(bytes), bits);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A comma-separated list of ranges; blank is none. */
  public static List<Cidr> parseList(String text, String setting) {
    List<Cidr> ranges = new ArrayList<>();
    if (text == null) return List.of();
    for (String part : text.split(",")) if (!part.isBlank()) ranges.add(parse(part, setting));
    return List.copyOf(ranges);
  }
}
