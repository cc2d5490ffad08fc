package dev.myrq.core.storage;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import java.time.Duration;

/** Where a {@link DirectConnection} goes and how it logs in: host, port, credentials, database, timeout. */
record DirectTarget(String host, int port, String user, char[] password, int database, Duration timeout) {
  /**
   * The target of a standalone server's URL, or null when the URL needs what only Lettuce does here (TLS, a Unix
   * socket, a credentials provider that is not static).
   */
  static DirectTarget of(RedisURI uri) {
    if (uri.isSsl() || uri.getSocket() != null || uri.getHost() == null) {
      return null;
    }
    String user = null;
    char[] password = null;
    if (uri.getCredentialsProvider() instanceof StaticCredentialsProvider p) {
      RedisCredentials c = p.resolveCredentialsNow();
      if (c != null) {
        user = c.getUsername();
        password = c.hasPassword() ? c.getPassword() : null;
      }
    } else if (uri.getCredentialsProvider() != null) {
      return null;
    }
    return new DirectTarget(uri.getHost(), uri.getPort(), user, password, uri.getDatabase(), uri.getTimeout());
  }

  /** Host and port only: never the credentials. */
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
