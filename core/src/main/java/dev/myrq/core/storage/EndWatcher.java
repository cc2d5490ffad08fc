package dev.myrq.core.storage;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears the ends of watched jobs on the queues' ended channels, over one pub/sub connection shared by every
 * waiting caller of a client. A channel is subscribed on first use and stays subscribed. Thread-safe.
 */
final class EndWatcher implements AutoCloseable {
  private final StatefulRedisPubSubConnection<String, String> conn;
  private final Keys keys;
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private final Map<String, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  EndWatcher(StatefulRedisPubSubConnection<String, String> conn, Keys keys) {
    this.conn = conn;
    this.keys = keys;
    conn.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String id) {
            List<CompletableFuture<Void>> fs = waiting.get(id);
            if (fs != null) {
              fs.forEach(f -> f.complete(null));
            }
          }
        });
  }

  /**
   * Return a future completed when the job's id is next published on its queue's ended channel; the channel is
   * subscribed before this returns, so an end published afterwards is not missed. Call {@link #forget} after.
   */
  public CompletableFuture<Void> expect(String queue, String id) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.compute(
        id,
        (k, fs) -> {
          List<CompletableFuture<Void>> l = fs == null ? new CopyOnWriteArrayList<>() : fs;
          l.add(f);
          return l;
        });
    String channel = keys.ended(queue);
    if (!subscribed.contains(channel)) {
      synchronized (this) {
        if (!subscribed.contains(channel)) {
          conn.sync().subscribe(channel);
          subscribed.add(channel);
        }
      }
    }
    return f;
  }

  /** Stop expecting this future's job end. */
  public void forget(String id, CompletableFuture<Void> f) {
    waiting.computeIfPresent(
        id,
        (k, fs) -> {
          fs.remove(f);
          return fs.isEmpty() ? null : fs;
        });
  }

  @Override
  public void close() {
    conn.close();
  }
}
