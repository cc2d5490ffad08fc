package dev.myrq.core.storage;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link DirectConnection}s to one server for many threads: a caller takes one for its call and gives it back
 * after, so concurrent callers never wait behind one another (a new connection opens when none is idle). A
 * connection that failed is closed, not given back; the next caller opens a new one. Thread-safe.
 */
final class DirectPool implements AutoCloseable {
  /** Idle connections kept open for the next callers; more are closed when given back. */
  static final int MAX_IDLE = 8;

  private final DirectTarget target;
  private final DirectTls tls;
  private final ConcurrentLinkedDeque<DirectConnection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  DirectPool(DirectTarget target) {
    this.target = target;
    this.tls = DirectTls.of(target);
  }

  /** Run {@code call} on a connection of this pool. Failures come out as Lettuce's exceptions. */
  <T> T with(Function<DirectConnection, T> call) {
    DirectConnection c = take();
    try {
      T result = call.apply(c);
      give(c);
      return result;
    } catch (RuntimeException e) {
      give(c); // still open after an error reply; closed after a failure, and then dropped
      throw e;
    }
  }

  /** Send one command and return its reply. */
  Object call(String... command) {
    return with(c -> c.call(command));
  }

  /** The most recently used idle connection that is still usable, or a new one. */
  DirectConnection take() {
    if (closed) {
      throw new IllegalStateException("the Redis client is closed");
    }
    for (DirectConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      idleCount.decrementAndGet();
      if (c.isUsable()) {
        return c;
      }
    }
    return DirectConnection.open(target, tls);
  }

  /**
   * A connection of the caller's own, not pooled, whose reads wait up to {@code extra} longer than the timeout
   * (a blocking command's wait); the caller closes it.
   */
  DirectConnection openOwn(java.time.Duration extra) {
    if (closed) {
      throw new IllegalStateException("the Redis client is closed");
    }
    DirectTarget t = target;
    return DirectConnection.open(
        new DirectTarget(t.host(), t.port(), t.tls(), t.caFile(), t.user(), t.password(), t.database(),
            t.timeout().plus(extra)),
        tls);
  }

  /** True when the connections use TLS. */
  boolean tls() {
    return tls != null;
  }

  /** Return a connection taken from this pool; a closed one is dropped. */
  void give(DirectConnection c) {
    if (!c.isOpen()) {
      return;
    }
    if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
      if (!closed) {
        idleCount.decrementAndGet();
      }
      c.close();
      return;
    }
    idle.offerFirst(c);
    if (closed) {
      close();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (DirectConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }
}
