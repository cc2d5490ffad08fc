package dev.myrq.core.storage;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for an asynchronous command as Lettuce's synchronous API does (the connection's timeout, the same
 * exceptions), without building that API: the commands a one-shot CLI call or a worker's start sends go through
 * here, so they never pay for it (see {@link LeanRedisClient}).
 */
final class Await {
  private Await() {}

  /** The command's result, waiting at most the connection's timeout. */
  static <T> T result(StatefulConnection<?, ?> conn, RedisFuture<T> command) {
    return result(conn.getTimeout(), command);
  }

  /** The command's result, waiting at most the link's timeout. */
  static <T> T result(RedisLink link, RedisFuture<T> command) {
    return result(link.getTimeout(), command);
  }

  /**
   * The answer of a command sent without waiting (pipelined), waiting at most {@link #ANSWER_WAIT}: the failure
   * Redis answered with as it is, no answer in time as Lettuce's timeout.
   */
  static <T> T answer(java.util.concurrent.Future<T> f) {
    try {
      return f.get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new io.lettuce.core.RedisCommandTimeoutException(
          "no answer from Redis in " + ANSWER_WAIT.toSeconds() + " s");
    }
  }

  /** How long {@link #answer} waits. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

  private static <T> T result(Duration timeout, RedisFuture<T> command) {
    return LettuceFutures.awaitOrCancel(command, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
