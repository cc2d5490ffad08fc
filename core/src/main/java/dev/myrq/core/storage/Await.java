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

  private static <T> T result(Duration timeout, RedisFuture<T> command) {
    return LettuceFutures.awaitOrCancel(command, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
