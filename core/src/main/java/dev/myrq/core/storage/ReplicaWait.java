package dev.myrq.core.storage;

import dev.myrq.core.RedisSettings;
import dev.myrq.core.ReplicaWaitException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability setting ({@link RedisSettings#minReplicas}): enqueues and job ends go on a connection of their own
 * and are followed by a {@code WAIT} for that many replicas, at most half the Redis timeout. An enqueue they do not
 * confirm fails with {@link ReplicaWaitException}; an end is logged and kept (the job's lease brings it back if
 * the master is lost). With 0 replicas writes go on the shared connection and nothing waits.
 */
final class ReplicaWait implements AutoCloseable {
  /** Made when first used: a one-shot command that writes nothing unconfirmed never starts the logging. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ReplicaWait.class);
  }

  private final RedisLink conn;
  private final int replicas;
  private final Duration timeout;
  private final CoalescedWait waits;
  private final AtomicBoolean endsUnconfirmed = new AtomicBoolean();

  private ReplicaWait(RedisLink conn, int replicas, Duration timeout) {
    this.conn = conn;
    this.replicas = replicas;
    this.timeout = timeout;
    this.waits = replicas == 0 ? null : new CoalescedWait(conn, replicas, timeout);
  }

  /**
   * The writes of these settings: on {@code shared} when they wait for no replica, else on a new connection, so a
   * {@code WAIT} never holds back the shared connection's other commands.
   */
  static ReplicaWait open(RedisConnector connector, RedisLink shared) {
    int n = connector.settings().minReplicas();
    Duration max = connector.settings().timeout().dividedBy(2);
    return n == 0 ? new ReplicaWait(shared, 0, max) : new ReplicaWait(connector.connectToMaster(), n, max);
  }

  /** True when {@link #confirmed} waits for replicas after a write; false when it only runs it. */
  boolean waitsForReplicas() {
    return waits != null;
  }

  /** The connection that writes to be confirmed go on. */
  RedisLink connection() {
    return conn;
  }

  /**
   * Run a write on {@link #connection()}, then wait until the replicas have it.
   *
   * @param what names the write for the error, e.g. {@code job <id>}
   * @throws ReplicaWaitException when fewer replicas confirm it in time
   */
  <T> T confirmed(String what, Supplier<T> write) {
    if (waits == null) {
      return write.get();
    }
    long drops = waits.drops();
    T written = write.get();
    long got;
    try {
      got = waits.afterWrites().get(timeout.plus(conn.getTimeout()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicaWaitException(what, 0, replicas, "interrupted while waiting");
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplicaWaitException(what, 0, replicas, "WAIT failed: " + rootMessage(e));
    }
    String why = shortfall(got, drops);
    if (why != null) {
      throw new ReplicaWaitException(what, waits.drops() == drops ? got : 0, replicas, why);
    }
    return written;
  }

  /**
   * Run an asynchronous write of {@code count} job ends of a queue, then wait for the replicas without blocking;
   * the result is the write's. Ends the replicas do not confirm are logged once until they confirm again: if the
   * master is lost before a replica has them, the jobs' leases expire on the new master and they run again.
   */
  <T> CompletableFuture<T> confirmedAsync(String queue, int count, Supplier<CompletableFuture<T>> write) {
    if (waits == null) {
      return write.get();
    }
    long drops = waits.drops();
    return write.get().thenCompose(written -> waits.afterWrites().handle((got, e) -> {
      String why = e != null ? "WAIT failed: " + rootMessage(e) : shortfall(got, drops);
      if (why != null) {
        unconfirmedEnds(queue, count, why);
      } else if (endsUnconfirmed.compareAndSet(true, false)) {
        Log.LOG.info("Job ends of queue {} are confirmed by {} replica(s) again", queue, replicas);
      }
      return written;
    }));
  }

  private void unconfirmedEnds(String queue, int count, String why) {
    if (endsUnconfirmed.compareAndSet(false, true)) {
      Log.LOG.warn("{} job end(s) of queue {} written to the Redis master, but not confirmed by {} replica(s) ({}); "
          + "the worker goes on, and if the master fails now those jobs run again after their lease. Logged once "
          + "until replicas confirm again", count, queue, replicas, why);
    } else {
      Log.LOG.debug("{} job end(s) of queue {} not confirmed by replicas: {}", count, queue, why);
    }
  }

  /** Why a write is not confirmed, or null when it is. */
  private String shortfall(long got, long dropsBefore) {
    if (waits.drops() != dropsBefore) {
      return "the connection to the master dropped before WAIT answered";
    }
    if (got < replicas) {
      return "WAIT gave up after " + timeout.toMillis() + " ms";
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Close the connection of its own, if it has one. */
  @Override
  public void close() {
    if (waits != null) {
      conn.close();
    }
  }
}
