package dev.myrq.core.testing;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.storage.Keys;
import dev.myrq.core.storage.StatsHash;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.embedded.RedisServer;

/**
 * One embedded redis-server per test JVM, on a free port, flushed before each test. Injects {@link MyrqClient}
 * (a new one per test, closed after) and {@link TestRedis} (URL, raw commands, stop and start).
 */
public final class RedisExtension implements BeforeEachCallback, ParameterResolver {
  private static TestRedis shared;

  /** The JVM's test Redis, started on first use. */
  public static synchronized TestRedis redis() {
    if (shared == null) {
      shared = new TestRedis(freePort());
      shared.start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TestRedis r = redis();
    r.ensureRunning();
    r.raw().flushall();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    return t == MyrqClient.class || t == TestRedis.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    if (p.getParameter().getType() == TestRedis.class) {
      return redis();
    }
    MyrqClient client = MyrqClient.connect(RedisSettings.of(redis().url()));
    e.getStore(ExtensionContext.Namespace.create(RedisExtension.class, e.getUniqueId()))
        .put("client", client);
    return client;
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A redis-server the tests control. */
  public static final class TestRedis {
    private final int port;
    private RedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> conn;

    TestRedis(int port) {
      this.port = port;
    }

    public int port() {
      return port;
    }

    public String url() {
      return "redis://127.0.0.1:" + port;
    }

    /** The Redis keys of the default prefix, for seeding and reading raw Redis. */
    public Keys keys() {
      return new Keys(RedisSettings.DEFAULT_PREFIX);
    }

    /** Count one more finished job in a queue's stats hash, as the completion script does. */
    public void countFinished(String queue) {
      raw().hincrby(keys().stats(queue), StatsHash.FINISHED, 1);
    }

    /** Count one more failed job in a queue's stats hash, as the completion script does. */
    public void countFailed(String queue) {
      raw().hincrby(keys().stats(queue), StatsHash.FAILED, 1);
    }

    /** Raw commands, for seeding and reading Redis around the API under test. */
    public synchronized RedisCommands<String, String> raw() {
      if (conn == null) {
        client = RedisClient.create(url());
        conn = client.connect();
      }
      return conn.sync();
    }

    public synchronized void start() {
      try {
        server = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"")
            .setting("appendonly no").build();
        server.start();
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot start embedded Redis on port " + port, e);
      }
    }

    public synchronized void stop() {
      if (server != null && server.isActive()) {
        server.stop();
      }
    }

    synchronized void ensureRunning() {
      if (server == null || !server.isActive()) {
        start();
      }
    }
  }
}
