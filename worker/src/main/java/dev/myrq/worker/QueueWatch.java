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
import java.util.concurrent.atomic.AtomicInteger;

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

  /** With several queues: wait up to the block time until one of the open ones has a waiting job. */
  private void awaitAny(List<String> open) throws InterruptedException {
    List<CompletableFuture<Boolean>> watched = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      if (!open.contains(queues.get(i))) {
        continue;
      }
      watched.add(pending.get(i));
      if (pending.get(i) == null || pending.get(i).isDone()) {
        pending.set(i, leases.awaitWorkAsync(conns.get(i), queues.get(i), block));
        watched.set(watched.size() - 1, pending.get(i));
      }
    }
    CompletableFuture<Object> any = CompletableFuture.anyOf(watched.toArray(new CompletableFuture<?>[0]));
    try {
      any.get(block.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      // nothing came: the caller looks at the queues again
    }
  }

  /**
   * With one queue: wait for work, lease up to {@code max} jobs in one pipelined step (see
   * {@link LeaseStore#awaitAndFetch}) and start them; return how many. With several queues: wait only and
   * return 0 (the caller fetches in priority order). Only the {@code open} queues are watched (not paused ones).
   */
  int awaitAndStart(List<String> open, int max, String worker, String tokenPrefix, Duration lease, Starter starter)
      throws InterruptedException {
    // connections open on first use, so a Redis that is away at start is retried like any other failure
    while (conns.size() < queues.size()) {
      conns.add(client.openBlockingConnection(block));
      pending.add(null);
    }
    if (queues.size() > 1) {
      awaitAny(open);
      return 0;
    }
    // The jobs start on the I/O thread that receives them: one thread wake-up less from enqueue to start.
    // Whoever moves `state` first decides: the I/O thread starting the jobs (1), or this thread giving up on a
    // late answer (2), whose leased jobs then expire and run again rather than start in slots already given back.
    AtomicInteger state = new AtomicInteger();
    CompletableFuture<Integer> started =
        leases.awaitAndFetchAsync(conns.get(0), queues.get(0), block, max, worker, tokenPrefix, lease)
            .thenApply(f -> state.compareAndSet(0, 1) ? starter.start(queues.get(0), f.jobs()) : 0);
    try {
      return started.get(block.toMillis() + conns.get(0).getTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      if (!state.compareAndSet(0, 2)) {
        return awaitStarted(started);
      }
      throw new io.lettuce.core.RedisCommandTimeoutException("no answer to a blocking fetch in time");
    }
  }

  private static int awaitStarted(CompletableFuture<Integer> started) throws InterruptedException {
    try {
      return started.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  /** Starts leased jobs; returns how many it took (each has used one slot). */
  interface Starter {
    int start(String queue, List<LeaseStore.Leased> jobs);
  }

  @Override
  public void close() {
    conns.forEach(StatefulRedisConnection::close);
  }
}
