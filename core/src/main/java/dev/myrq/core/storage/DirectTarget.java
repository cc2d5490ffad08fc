package dev.myrq.core.storage;

import dev.myrq.core.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a {@link DirectConnection} goes and how it logs in: host, port, TLS (with the CA file to trust, or the
 * JDK's trusted CAs when null), credentials, database, timeout.
 */
record DirectTarget(
    String host, int port, boolean tls, Path caFile, String user, char[] password, int database, Duration timeout) {
  /** Redis's port when a URL names none. */
  static final int DEFAULT_PORT = 6379;

  /**
   * The target of a {@code redis[s]://[[user]:password@]host[:port][/db]} URL naming one host, read as Lettuce
   * reads it, with the settings' password file, CA file and timeout; or null for every other URL (several hosts,
   * Sentinel, options in a query string, anything unusual), which Lettuce parses and serves. Parsed without Lettuce:
   * its URL class starts Reactor and the logging, a fifth of a one-shot command's start.
   *
   * @throws dev.myrq.core.InvalidConfigException when the password file cannot be read
   */
  static DirectTarget parse(RedisSettings s) {
    String url = s.url();
    boolean tls = url != null && url.startsWith("rediss://");
    if (url == null || !(tls || url.startsWith("redis://")) || url.indexOf(',') >= 0 || url.indexOf('[') >= 0) {
      return null;
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
    if (u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
      return null;
    }
    int database = 0;
    String path = u.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      if (!path.matches("/[0-9]{1,5}")) {
        return null;
      }
      database = Integer.parseInt(path.substring(1));
    }
    String user = null;
    String password = null;
    String info = u.getUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      if (colon == 0) {
        password = info.substring(1);
      } else if (colon > 0) {
        user = info.substring(0, colon);
        password = info.substring(colon + 1);
      } else {
        password = info;
      }
      if (password.isEmpty()) {
        return null;
      }
    } else if (u.getRawAuthority() != null && u.getRawAuthority().indexOf('@') >= 0) {
      return null;
    }
    char[] secret = password == null ? null : password.toCharArray();
    if (s.passwordFile() != null) {
      secret = s.readPassword().toCharArray();
    }
    int port = u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
    return new DirectTarget(u.getHost(), port, tls, s.caFile(), user, secret, database, s.timeout());
  }

  /** Host and port only: never the credentials. */
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
