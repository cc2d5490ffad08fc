package dev.myrq.core.storage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Redis {@code WAIT}s on one connection, at most one in flight: callers that ask while one is out share the next,
 * which is sent when it answers. A {@code WAIT} blocks its connection on the server until it answers, so this bounds
 * how long a write behind it waits to one {@code WAIT} timeout, and under load one {@code WAIT} confirms the writes
 * of many callers (a group commit). It also counts the connection's drops: a {@code WAIT} sent again after a
 * reconnect runs on a new connection, perhaps on a new master, and says nothing of writes sent before.
 */
final class CoalescedWait {
  private final RedisLink conn;
  private final int replicas;
  private final Duration timeout;
  private final AtomicLong drops = new AtomicLong();
  private boolean inFlight;
  private CompletableFuture<Long> next;

  CoalescedWait(RedisLink conn, int replicas, Duration timeout) {
    this.conn = conn;
    this.replicas = replicas;
    this.timeout = timeout;
    conn.onDisconnect(drops::incrementAndGet);
  }

  /** Times the connection dropped so far; a write and its {@code WAIT} belong together only if this did not move. */
  long drops() {
    return drops.get();
  }

  /**
   * A {@code WAIT} sent after every write this connection has answered so far; it completes with the number of
   * replicas that confirmed them (or fails as the command did).
   */
  CompletableFuture<Long> afterWrites() {
    CompletableFuture<Long> mine;
    synchronized (this) {
      if (inFlight) {
        if (next == null) {
          next = new CompletableFuture<>();
        }
        return next;
      }
      inFlight = true;
      mine = new CompletableFuture<>();
    }
    send(mine);
    return mine;
  }

  private void send(CompletableFuture<Long> result) {
    CompletableFuture<Long> answer;
    try {
      answer = conn.async().waitForReplication(replicas, timeout.toMillis()).toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (n, e) -> {
          CompletableFuture<Long> following;
          synchronized (this) {
            following = next;
            next = null;
            inFlight = following != null;
          }
          if (following != null) {
            send(following);
          }
          if (e != null) {
            result.completeExceptionally(e);
          } else {
            result.complete(n == null ? 0 : n);
          }
        });
  }
}
