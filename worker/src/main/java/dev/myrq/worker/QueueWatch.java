package dev.myrq.worker;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.storage.LeaseStore;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, without polling, until one of the worker's queues has a waiting job: a blocking wait per queue, each on a
 * dedicated connection (a blocking command would stall the shared one). A wait still pending when another queue
 * woke the fetcher is kept and reused, so waits never pile up.
 */
final class QueueWatch implements AutoCloseable {
  private final LeaseStore leases;
  private final List<String> queues;
  private final MyrqClient client;
  private final List<StatefulRedisConnection<String, String>> conns = new ArrayList<>();
  private final List<CompletableFuture<Boolean>> pending = new ArrayList<>();
  private final Duration block;

  QueueWatch(MyrqClient client, LeaseStore leases, List<String> queues, Duration block) {
    this.client = client;
    this.leases = leases;
    this.queues = queues;
    this.block = block;
  }

  /**
   * Wait up to the block time for work; return true if some queue has a waiting job. Opens its connections on
   * first use, so a Redis that is away at start is retried by the caller like any other failure.
   */
  boolean await() throws InterruptedException {
    while (conns.size() < queues.size()) {
      conns.add(client.openBlockingConnection(block));
      pending.add(null);
    }
    if (queues.size() == 1) {
      return leases.awaitWork(conns.get(0), queues.get(0), block);
    }
    for (int i = 0; i < queues.size(); i++) {
      if (pending.get(i) == null || pending.get(i).isDone()) {
        pending.set(i, leases.awaitWorkAsync(conns.get(i), queues.get(i), block));
      }
    }
    CompletableFuture<Object> any = CompletableFuture.anyOf(pending.toArray(new CompletableFuture<?>[0]));
    try {
      any.get(block.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      return false;
    }
    for (CompletableFuture<Boolean> f : pending) {
      if (f.isDone() && !f.isCompletedExceptionally() && Boolean.TRUE.equals(f.getNow(false))) {
        return true;
      }
    }
    return false;
  }

  /**
   * With one queue: wait for work and lease up to {@code max} jobs in one pipelined step (see
   * {@link LeaseStore#awaitAndFetch}); with several, wait only and return no jobs (the caller fetches in priority
   * order).
   */
  List<LeaseStore.Leased> awaitAndFetch(int max, String worker, String tokenPrefix, Duration lease)
      throws InterruptedException {
    if (queues.size() > 1) {
      await();
      return List.of();
    }
    if (conns.isEmpty()) {
      conns.add(client.openBlockingConnection(block));
      pending.add(null);
    }
    return leases.awaitAndFetch(conns.get(0), queues.get(0), block, max, worker, tokenPrefix, lease).jobs();
  }

  @Override
  public void close() {
    conns.forEach(StatefulRedisConnection::close);
  }
}
