package dev.myrq.core.storage;

import dev.myrq.core.QueueWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits, without polling, until one of a worker's queues has a waiting job: a blocking wait per queue, each on a
 * dedicated connection (a blocking command would stall the shared one). A wait still pending when another queue
 * woke the caller is kept and reused, so waits never pile up. One queue on a standalone server reached without
 * TLS waits over a blocking socket of its own, read on the caller's thread, which then starts the jobs.
 */
final class RedisQueueWatch implements QueueWatch {
  private final RedisConnector connector;
  private final LeaseStore leases;
  private final List<String> queues;
  private final Duration block;
  private final List<RedisLink> conns = new ArrayList<>();
  private final List<CompletableFuture<Boolean>> pending = new ArrayList<>();
  /** Whether the wait goes over {@link #socket}: known at the first wait (asking Redis may fail before). */
  private Boolean direct;
  private volatile DirectConnection socket;
  private volatile boolean closed;

  RedisQueueWatch(RedisConnector connector, LeaseStore leases, List<String> queues, Duration block) {
    this.connector = connector;
    this.leases = leases;
    this.queues = List.copyOf(queues);
    this.block = block;
  }

  @Override
  public int awaitAndStart(
      List<String> open, int max, String worker, String tokenPrefix, Duration lease, Starter starter)
      throws InterruptedException {
    try {
      if (direct == null) {
        direct = queues.size() == 1 && connector.waitsDirect();
      }
      if (direct) {
        return awaitAndStartDirect(max, worker, tokenPrefix, lease, starter);
      }
      // connections open on first use, so a Redis that is away at start is retried like any other failure
      while (conns.size() < queues.size()) {
        conns.add(connector.connectBlocking(block));
        pending.add(null);
      }
      if (queues.size() > 1) {
        awaitAny(open);
        return 0;
      }
      return awaitAndStartOne(max, worker, tokenPrefix, lease, starter);
    } catch (RuntimeException e) {
      throw connector.translate(e);
    }
  }

  /** With several queues: wait up to the block time until one of the open ones has a waiting job. */
  private void awaitAny(List<String> open) throws InterruptedException {
    List<CompletableFuture<Boolean>> watched = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      if (!open.contains(queues.get(i))) {
        continue;
      }
      if (pending.get(i) == null || pending.get(i).isDone()) {
        pending.set(i, leases.awaitWorkAsync(conns.get(i), queues.get(i), block));
      }
      watched.add(pending.get(i));
    }
    CompletableFuture<Object> any = CompletableFuture.anyOf(watched.toArray(new CompletableFuture<?>[0]));
    try {
      any.get(block.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw connector.translate(e.getCause());
    } catch (TimeoutException e) {
      // nothing came: the caller looks at the queues again
    }
  }

  private int awaitAndStartOne(int max, String worker, String tokenPrefix, Duration lease, Starter starter)
      throws InterruptedException {
    String queue = queues.get(0);
    RedisLink conn = conns.get(0);
    // The jobs start on the I/O thread that receives them: one thread wake-up less from enqueue to start.
    // Whoever moves `state` first decides: the I/O thread starting the jobs (1), or this thread giving up on a
    // late answer (2), whose leased jobs then expire and run again rather than start in slots already given back.
    AtomicInteger state = new AtomicInteger();
    CompletableFuture<Integer> started =
        leases.awaitAndFetchAsync(conn, queue, block, max, worker, tokenPrefix, lease)
            .thenApply(f -> state.compareAndSet(0, 1) ? starter.start(queue, f.jobs()) : 0);
    try {
      return started.get(block.toMillis() + conn.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw connector.translate(e.getCause());
    } catch (TimeoutException e) {
      if (!state.compareAndSet(0, 2)) {
        return awaitStarted(started);
      }
      throw connector.noAnswer("no answer to a blocking fetch in time");
    }
  }

  /**
   * Over the blocking socket: wait, fetch and start the jobs on this thread. An answer that does not come within
   * the block time plus the timeout closes the socket unread (no job of it starts); so does {@link #close}.
   */
  private int awaitAndStartDirect(int max, String worker, String tokenPrefix, Duration lease, Starter starter) {
    DirectConnection c = socket;
    if (c == null || !c.isUsable()) { // a socket Redis closed meanwhile (a restart) is replaced first
      c = connector.connectDirectBlocking(block);
      socket = c;
      if (closed) {
        c.close();
        throw new IllegalStateException("the queue watch is closed");
      }
    }
    String queue = queues.get(0);
    return starter.start(queue, leases.awaitAndFetch(c, queue, block, max, worker, tokenPrefix, lease).jobs());
  }

  private int awaitStarted(CompletableFuture<Integer> started) throws InterruptedException {
    try {
      return started.get();
    } catch (ExecutionException e) {
      throw connector.translate(e.getCause());
    }
  }

  @Override
  public void close() {
    closed = true;
    DirectConnection c = socket;
    if (c != null) {
      c.close(); // a read blocked on it ends at once
    }
    conns.forEach(RedisLink::close);
  }
}
