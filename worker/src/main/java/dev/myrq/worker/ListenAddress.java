package dev.myrq.worker;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --metrics-listen ADDR:PORT}: a host name or IP address (IPv6 in brackets) and a port, e.g.
 * {@code 127.0.0.1:9121}, {@code [::1]:9121}, or {@code :9121} for every interface.
 */
final class ListenAddress implements ITypeConverter<InetSocketAddress> {
  @Override
  public InetSocketAddress convert(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new TypeConversionException("expected ADDR:PORT, e.g. 127.0.0.1:9121, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new TypeConversionException("port must be 0-65535 in '" + value + "'");
    }
    InetSocketAddress a = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    if (a.isUnresolved()) {
      throw new TypeConversionException("unknown host '" + host + "' in '" + value + "'");
    }
    return a;
  }
}
