package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A redis-server run by the worker itself (the embedded-redis jar ships the binary): on 127.0.0.1 at the port of
 * the Redis URL, with append-only persistence in the data directory, so one machine needs no Redis install.
 */
final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;

  private EmbeddedRedis(RedisServer server) {
    this.server = server;
  }

  /**
   * Start one for this URL.
   *
   * @throws InvalidConfigException when the port is taken or the data directory cannot be made
   */
  static EmbeddedRedis start(String url, Path dataDir) {
    int port = URI.create(url).getPort();
    if (port <= 0) {
      port = 6379;
    }
    String host = URI.create(url).getHost();
    if (host != null && !host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new InvalidConfigException(
          "--embedded-redis listens on 127.0.0.1 only, but the Redis URL names host " + host);
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new InvalidConfigException(
          "port " + port + " on 127.0.0.1 is taken, so the embedded Redis cannot start; pick another port in "
              + "--redis or drop --embedded-redis to use the Redis already there");
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot create data directory " + dataDir + ": " + e.getMessage());
    }
    RedisServer s =
        RedisServer.builder()
            .port(port)
            .bind("127.0.0.1")
            .setting("appendonly yes")
            .setting("appendfsync everysec")
            .setting("dir " + dataDir.toAbsolutePath())
            .setting("save \"\"")
            .build();
    s.start();
    return new EmbeddedRedis(s);
  }

  @Override
  public void close() {
    if (server.isActive()) {
      server.stop();
    }
  }
}
