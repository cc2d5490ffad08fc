package dev.myrq.core.storage;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One connection to Redis whatever the topology: a standalone server, the master of a Sentinel-managed set
 * (following failovers), or a Redis Cluster (routing each key to its node, following MOVED and ASK). The stores
 * send commands through the command interfaces the two kinds share.
 */
final class RedisLink implements AutoCloseable {
  private final StatefulConnection<String, String> conn;
  private final Supplier<RedisClusterCommands<String, String>> sync;
  private final RedisClusterAsyncCommands<String, String> async;
  private final boolean cluster;

  private RedisLink(
      StatefulConnection<String, String> conn,
      Supplier<RedisClusterCommands<String, String>> sync,
      RedisClusterAsyncCommands<String, String> async,
      boolean cluster) {
    this.conn = conn;
    this.sync = sync;
    this.async = async;
    this.cluster = cluster;
  }

  static RedisLink of(StatefulRedisConnection<String, String> c) {
    // sync() only when used: the lean client builds it then (see LeanRedisClient)
    return new RedisLink(c, c::sync, c.async(), false);
  }

  static RedisLink of(StatefulRedisClusterConnection<String, String> c) {
    return new RedisLink(c, c::sync, c.async(), true);
  }

  RedisClusterCommands<String, String> sync() {
    return sync.get();
  }

  RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /** True on a Redis Cluster. */
  boolean isCluster() {
    return cluster;
  }

  Duration getTimeout() {
    return conn.getTimeout();
  }

  void setTimeout(Duration timeout) {
    conn.setTimeout(timeout);
  }

  /** Run {@code r} each time the connection drops (on its I/O thread, before commands are sent again). */
  void onDisconnect(Runnable r) {
    conn.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            r.run();
          }
        });
  }

  @Override
  public void close() {
    conn.close();
  }
}
