package dev.myrq.core.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A master, one replica and one Sentinel from the system's redis-server and redis-sentinel, on free loopback ports,
 * with passwords on the data nodes ({@link #DATA_PASSWORD}) and on the Sentinel ({@link #SENTINEL_PASSWORD}). The
 * Sentinel fails over one second after the master stops answering. Start one per test class.
 */
public final class TestSentinel implements AutoCloseable {
  public static final String MASTER_NAME = "mymaster";
  public static final String DATA_PASSWORD = "data-pass";
  public static final String SENTINEL_PASSWORD = "sentinel-pass";

  private final RedisProcess[] servers = new RedisProcess[2];
  private final RedisProcess sentinel;

  public TestSentinel() {
    try {
      Path dir = Files.createTempDirectory("myrq-sentinel");
      int a = RedisProcess.freePort(false);
      servers[0] = RedisProcess.server(a, dir.resolve("a"), auth());
      int b = RedisProcess.freePort(false);
      servers[1] = RedisProcess.server(b, dir.resolve("b"), auth(), "replicaof 127.0.0.1 " + a);
      awaitReplicaInSync(a);
      sentinel = RedisProcess.sentinel(RedisProcess.freePort(false), dir.resolve("sentinel"),
          "requirepass " + SENTINEL_PASSWORD,
          "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + a + " 1",
          "sentinel auth-pass " + MASTER_NAME + " " + DATA_PASSWORD,
          "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
          "sentinel failover-timeout " + MASTER_NAME + " 10000");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String auth() {
    return "requirepass " + DATA_PASSWORD + "\nmasterauth " + DATA_PASSWORD;
  }

  private void awaitReplicaInSync(int masterPort) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      String info = withData(masterPort, c -> c.info("replication"));
      if (info.contains("connected_slaves:1") && info.contains("state=online")) {
        return;
      }
      RedisProcess.sleep(100);
    }
    throw new IllegalStateException("replica did not sync");
  }

  /**
   * Wait until the current master has its replica online and the Sentinel sees that replica healthy (after a
   * failover the Sentinel turns the old master, once it is back, into a replica within seconds).
   */
  public void awaitHealthy(Duration max) {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      try (RedisClient c = client(sentinel.port(), SENTINEL_PASSWORD);
          StatefulRedisSentinelConnection<String, String> conn = c.connectSentinel()) {
        List<java.util.Map<String, String>> replicas = conn.sync().replicas(MASTER_NAME);
        boolean sentinelOk = replicas.size() == 1 && !replicas.get(0).get("flags").contains("down")
            && !replicas.get(0).get("flags").contains("disconnected");
        String info = withData(masterPort(), x -> x.info("replication"));
        if (sentinelOk && info.contains("role:master") && info.contains("connected_slaves:1")
            && info.contains("state=online")) {
          return;
        }
      } catch (RuntimeException e) {
        // a node is still starting: look again
      }
      RedisProcess.sleep(200);
    }
    throw new IllegalStateException("master and replica not healthy within " + max + "; sentinel log:\n"
        + sentinel.log());
  }

  /**
   * {@code redis-sentinel://:password@host:port?sentinel_password=sentinel-pass#mymaster}: {@code password} serves
   * the data nodes, the Sentinel's own password is given as {@code sentinel_password}.
   */
  public String url(String password) {
    return "redis-sentinel://" + (password == null ? "" : ":" + password + "@") + sentinel.hostPort()
        + "?sentinel_password=" + SENTINEL_PASSWORD + "#" + MASTER_NAME;
  }

  public RedisProcess sentinel() {
    return sentinel;
  }

  /** The port of the current master, as the Sentinel reports it. */
  public int masterPort() {
    try (RedisClient c = client(sentinel.port(), SENTINEL_PASSWORD);
        StatefulRedisSentinelConnection<String, String> conn = c.connectSentinel()) {
      InetSocketAddress a = (InetSocketAddress) conn.sync().getMasterAddrByName(MASTER_NAME);
      return a.getPort();
    }
  }

  /** The data node process on this port. */
  public RedisProcess server(int port) {
    for (RedisProcess s : servers) {
      if (s.port() == port) {
        return s;
      }
    }
    throw new IllegalArgumentException("no data node on port " + port);
  }

  /** Ask the Sentinel to fail over now (the master is healthy: a planned switch). */
  public void failover() {
    try (RedisClient c = client(sentinel.port(), SENTINEL_PASSWORD);
        StatefulRedisSentinelConnection<String, String> conn = c.connectSentinel()) {
      conn.sync().failover(MASTER_NAME);
    }
  }

  /** Wait until the Sentinel names a master other than {@code oldPort}; return the new master's port. */
  public int awaitNewMaster(int oldPort, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      int p = masterPort();
      if (p != oldPort) {
        return p;
      }
      RedisProcess.sleep(100);
    }
    throw new IllegalStateException("no failover within " + max + "; sentinel log:\n" + sentinel.log());
  }

  /** Run commands on one data node. */
  public <T> T withData(int port, java.util.function.Function<RedisCommands<String, String>, T> f) {
    try (RedisClient c = client(port, DATA_PASSWORD); StatefulRedisConnection<String, String> conn = c.connect()) {
      return f.apply(conn.sync());
    }
  }

  private static RedisClient client(int port, String password) {
    return RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withPassword(password.toCharArray())
        .withTimeout(Duration.ofSeconds(5)).build());
  }

  /** Every process of this set-up. */
  public List<RedisProcess> processes() {
    return List.of(servers[0], servers[1], sentinel);
  }

  @Override
  public void close() {
    sentinel.close();
    for (RedisProcess s : servers) {
      s.close();
    }
  }
}
