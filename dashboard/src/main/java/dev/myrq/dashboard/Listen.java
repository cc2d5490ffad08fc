package dev.myrq.dashboard;

import dev.myrq.core.InvalidConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address the dashboard listens on, from {@code HOST:PORT} ({@code [::1]:9181} for IPv6); port 0 picks a
 * free one.
 */
public record Listen(String host, int port) {
  /** Where the dashboard listens unless told otherwise: the loopback address only. */
  public static final String DEFAULT = "127.0.0.1:9181";

  /**
   * Parse {@code HOST:PORT}.
   *
   * @throws InvalidConfigException when it is not one
   */
  public static Listen parse(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new InvalidConfigException("--listen must be HOST:PORT, e.g. " + DEFAULT + ", got '" + s + "'");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new InvalidConfigException("--listen port must be 0 to 65535, got '" + s.substring(colon + 1) + "'");
    }
    return new Listen(host, port);
  }

  /**
   * Return true when every address the host name resolves to is a loopback address.
   *
   * @throws InvalidConfigException when the host name does not resolve
   */
  public boolean isLoopback() {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new InvalidConfigException("--listen host '" + host + "' does not resolve");
    }
  }
}
