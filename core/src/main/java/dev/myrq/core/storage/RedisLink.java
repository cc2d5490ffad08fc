package dev.myrq.core.storage;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One connection to Redis whatever the topology: a standalone server, the master of a Sentinel-managed set
 * (following failovers), or a Redis Cluster (routing each key to its node, following MOVED and ASK). The client
 * paths send their commands through {@link #calls()}; the others through the Lettuce command interfaces the kinds
 * share. On a standalone server {@link #calls()} go over blocking sockets, and the Lettuce connection opens only
 * when a command first needs it, so a one-shot command that only enqueues or reads a job never starts Lettuce.
 */
final class RedisLink implements AutoCloseable {
  private final boolean cluster;
  private final Supplier<Opened> open;
  private final RedisCalls calls;
  private final List<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();
  private volatile Opened opened;
  private volatile Duration timeout;

  /** An open Lettuce connection and its two command interfaces. */
  private record Opened(
      StatefulConnection<String, String> conn,
      Supplier<RedisClusterCommands<String, String>> sync,
      RedisClusterAsyncCommands<String, String> async) {
    static Opened of(StatefulRedisConnection<String, String> c) {
      // sync() only when used: the lean client builds it then (see LeanRedisClient)
      return new Opened(c, c::sync, c.async());
    }

    static Opened of(StatefulRedisClusterConnection<String, String> c) {
      return new Opened(c, c::sync, c.async());
    }
  }

  private RedisLink(boolean cluster, Opened opened, Supplier<Opened> open, DirectPool direct, Duration timeout) {
    this.cluster = cluster;
    this.opened = opened;
    this.open = open;
    this.timeout = timeout;
    this.calls = direct != null ? new DirectCalls(direct) : new LettuceCalls(this);
  }

  static RedisLink of(StatefulRedisConnection<String, String> c) {
    return new RedisLink(false, Opened.of(c), null, null, c.getTimeout());
  }

  static RedisLink of(StatefulRedisClusterConnection<String, String> c) {
    return new RedisLink(true, Opened.of(c), null, null, c.getTimeout());
  }

  /**
   * A link to a standalone server whose {@link #calls()} go over {@code direct}'s sockets, and whose Lettuce
   * connection {@code lettuce} opens when {@link #sync()} or {@link #async()} is first called.
   */
  static RedisLink direct(DirectPool direct, Supplier<StatefulRedisConnection<String, String>> lettuce, Duration timeout) {
    return new RedisLink(false, null, () -> Opened.of(lettuce.get()), direct, timeout);
  }

  /** The client paths' commands, over sockets on a standalone server, else over Lettuce. */
  RedisCalls calls() {
    return calls;
  }

  /** True when {@link #calls()} go over blocking sockets (a standalone server). */
  boolean isDirect() {
    return calls instanceof DirectCalls;
  }

  RedisClusterCommands<String, String> sync() {
    return opened().sync().get();
  }

  RedisClusterAsyncCommands<String, String> async() {
    return opened().async();
  }

  private Opened opened() {
    Opened o = opened;
    if (o == null) {
      synchronized (this) {
        o = opened;
        if (o == null) {
          o = open.get();
          o.conn().setTimeout(timeout);
          for (Runnable r : disconnectListeners) {
            listen(o.conn(), r);
          }
          opened = o;
        }
      }
    }
    return o;
  }

  /** True on a Redis Cluster. */
  boolean isCluster() {
    return cluster;
  }

  Duration getTimeout() {
    Opened o = opened;
    return o != null ? o.conn().getTimeout() : timeout;
  }

  synchronized void setTimeout(Duration timeout) {
    this.timeout = timeout;
    if (opened != null) {
      opened.conn().setTimeout(timeout);
    }
  }

  /** Run {@code r} each time the Lettuce connection drops (on its I/O thread, before commands are sent again). */
  synchronized void onDisconnect(Runnable r) {
    disconnectListeners.add(r);
    if (opened != null) {
      listen(opened.conn(), r);
    }
  }

  private static void listen(StatefulConnection<String, String> conn, Runnable r) {
    conn.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            r.run();
          }
        });
  }

  /** Close the Lettuce connection if it was opened (the sockets belong to the connector). */
  @Override
  public synchronized void close() {
    if (opened != null) {
      opened.conn().close();
    }
  }
}
