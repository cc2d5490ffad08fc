package dev.myrq.core.storage;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis commands a worker sends for the jobs it runs: lease (fetch), end (complete), renew, and the
 * housekeeping every worker shares (reap expired leases, promote due scheduled jobs). Thread-safe.
 */
public final class LeaseStore {
  /** How an attempt ended. */
  public enum Outcome {
    FINISHED("finished"),
    FAILED("failed"),
    TIMEOUT("timeout"),
    RETRY("retry"),
    REQUEUE("requeue");

    final String word;

    Outcome(String word) {
      this.word = word;
    }
  }

  /** Most jobs one fetch leases (fetch.lua caps it too); a worker with more free slots fetches again. */
  public static final int MAX_FETCH = 1000;

  /** One attempt's lease: the job id and the token of this attempt (unique per attempt). */
  public record Lease(String id, String token) {}

  /** A job leased to this worker; an empty hash means the id had no job hash and was dropped. */
  public record Leased(String id, String token, Map<String, String> hash) {}

  /** What one fetch got, with the Redis server time at the fetch; nothing, and paused true, from a paused queue. */
  public record Fetched(long serverMillis, List<Leased> jobs, boolean paused) {}

  /**
   * The end of one attempt.
   *
   * @param value the result JSON when finished, else the one-line error
   * @param historyEntry a JSON object appended to the job's history (failures only), or empty
   * @param delayMillis for RETRY, how long the job waits in the schedule
   */
  public record Ending(
      String id, String token, Outcome outcome, String value, String excInfo, String historyEntry, long delayMillis) {}

  /** What one reap did: jobs put back in their queue, and jobs failed for too many crashes. */
  public record Reaped(List<String> requeued, List<String> failed) {}

  private final StatefulRedisConnection<String, String> conn;
  private final Keys keys;
  private final Retention retention;

  public LeaseStore(StatefulRedisConnection<String, String> conn, Keys keys, Retention retention) {
    this.conn = conn;
    this.keys = keys;
    this.retention = retention;
  }

  /** Lease up to {@code max} waiting jobs of a queue to a worker. */
  public Fetched fetch(String queue, int max, String worker, String tokenPrefix, Duration lease) {
    return parseFetched(
        Scripts.FETCH.call(conn, ScriptOutputType.MULTI, fetchKeys(queue), fetchArgs(queue, max, worker, tokenPrefix, lease)));
  }

  /**
   * Block on a dedicated connection until the queue has a waiting job or {@code block} passes, then lease up to
   * {@code max} jobs, without a round trip in between: the wait and the fetch are pipelined on that connection,
   * and Redis runs the fetch the moment the wait ends. The wait is on the queue's ready list (the priority levels
   * that have waiting jobs) and moves its last element onto its own end, which changes nothing.
   */
  public Fetched awaitAndFetch(
      StatefulRedisConnection<String, String> blocking, String queue, Duration block, int max, String worker,
      String tokenPrefix, Duration lease) {
    CompletableFuture<Fetched> f = awaitAndFetchAsync(blocking, queue, block, max, worker, tokenPrefix, lease);
    try {
      return f.get(block.toMillis() + blocking.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new io.lettuce.core.RedisCommandTimeoutException("no answer to a blocking fetch in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for jobs", e);
    }
  }

  /**
   * {@link #awaitAndFetch} without waiting; the future completes on the client's I/O thread, so a caller that
   * starts the jobs there saves a thread wake-up on the way from enqueue to start.
   */
  public CompletableFuture<Fetched> awaitAndFetchAsync(
      StatefulRedisConnection<String, String> blocking, String queue, Duration block, int max, String worker,
      String tokenPrefix, Duration lease) {
    blocking.async().blmove(keys.ready(queue), keys.ready(queue), io.lettuce.core.LMoveArgs.Builder.rightRight(),
        block.toMillis() / 1000.0);
    return Scripts.FETCH.<List<Object>>callAsync(blocking, ScriptOutputType.MULTI, fetchKeys(queue),
            fetchArgs(queue, max, worker, tokenPrefix, lease))
        .thenApply(LeaseStore::parseFetched);
  }

  private String[] fetchKeys(String queue) {
    return new String[] {keys.queue(queue), keys.active(queue), keys.paused(queue), keys.ready(queue)};
  }

  private String[] fetchArgs(String queue, int max, String worker, String tokenPrefix, Duration lease) {
    return new String[] {
      keys.jobPrefix(queue), Integer.toString(Math.min(max, MAX_FETCH)), worker, tokenPrefix,
      Long.toString(lease.toMillis())
    };
  }

  private static Fetched parseFetched(List<Object> out) {
    List<Leased> jobs = new ArrayList<>((out.size() - 1) / 3);
    for (int i = 1; i + 2 < out.size(); i += 3) {
      jobs.add(new Leased((String) out.get(i), (String) out.get(i + 1), toMap(out.get(i + 2))));
    }
    return new Fetched((Long) out.get(0), jobs, out.size() == 2 && "paused".equals(out.get(1)));
  }

  /**
   * End attempts of jobs leased from one queue, without waiting; return the ids whose lease was no longer
   * held (nothing was written for them).
   */
  public CompletableFuture<List<String>> complete(String queue, List<Ending> endings) {
    String[] args = new String[6 + 7 * endings.size()];
    args[0] = keys.jobPrefix(queue);
    args[1] = Long.toString(Math.max(1, retention.resultTtl().toSeconds()));
    args[2] = Long.toString(Math.max(1, retention.failedTtl().toSeconds()));
    args[3] = Integer.toString(retention.finishedMax());
    args[4] = Integer.toString(retention.failedMax());
    args[5] = Long.toString(retention.finishedAge().toMillis());
    int i = 6;
    for (Ending e : endings) {
      args[i++] = e.id();
      args[i++] = e.token();
      args[i++] = e.outcome().word;
      args[i++] = nonNull(e.value());
      args[i++] = nonNull(e.excInfo());
      args[i++] = nonNull(e.historyEntry());
      args[i++] = Long.toString(e.delayMillis());
    }
    return Scripts.COMPLETE.callAsync(
        conn,
        ScriptOutputType.MULTI,
        new String[] {
          keys.active(queue), keys.queue(queue), keys.scheduled(queue), keys.finished(queue),
          keys.failed(queue), keys.stats(queue), keys.ended(queue), keys.ready(queue)
        },
        args);
  }

  /**
   * Return true when Redis answered a call with an error about the call itself (e.g. an argument over its
   * proto-max-bulk-len, a script error), false for an outage or a state of the server that passes (connection
   * lost, LOADING, BUSY, OOM, READONLY, a failover), after which the same call may well succeed.
   */
  public static boolean refusedByRedis(Throwable e) {
    if (!(e instanceof io.lettuce.core.RedisCommandExecutionException)
        || e instanceof io.lettuce.core.RedisBusyException
        || e instanceof io.lettuce.core.RedisLoadingException
        || e instanceof io.lettuce.core.RedisReadOnlyException) {
      return false;
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    for (String passing : List.of("OOM", "LOADING", "BUSY", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN",
        "MOVED", "ASK", "NOSCRIPT", "NOAUTH", "WRONGPASS", "NOREPLICAS")) {
      if (m.startsWith(passing)) {
        return false;
      }
    }
    return true;
  }

  /** Extend these leases; return the tokens of those this worker no longer holds. */
  public List<String> renew(String queue, Collection<Lease> held, Duration lease) {
    String[] args = new String[2 + 2 * held.size()];
    args[0] = keys.jobPrefix(queue);
    args[1] = Long.toString(lease.toMillis());
    int i = 2;
    for (Lease l : held) {
      args[i++] = l.id();
      args[i++] = l.token();
    }
    return Scripts.RENEW.call(conn, ScriptOutputType.MULTI, new String[] {keys.active(queue)}, args);
  }

  /** Put back (or fail, past {@code maxCrashes}) up to {@code limit} jobs of a queue whose lease expired. */
  public Reaped reap(String queue, int maxCrashes, int limit) {
    List<String> out =
        Scripts.REAP.call(
            conn,
            ScriptOutputType.MULTI,
            new String[] {keys.active(queue), keys.queue(queue), keys.failed(queue), keys.stats(queue), keys.ended(queue),
              keys.ready(queue)},
            keys.jobPrefix(queue),
            Integer.toString(maxCrashes),
            Long.toString(Math.max(1, retention.failedTtl().toSeconds())),
            Integer.toString(retention.failedMax()),
            Integer.toString(limit));
    int bar = out.indexOf("|");
    return new Reaped(List.copyOf(out.subList(0, bar)), List.copyOf(out.subList(bar + 1, out.size())));
  }

  /** Move up to {@code limit} due scheduled jobs of a queue into it; return how many moved. */
  public long promote(String queue, int limit) {
    Long n =
        Scripts.PROMOTE.call(
            conn,
            ScriptOutputType.INTEGER,
            new String[] {keys.scheduled(queue), keys.queue(queue), keys.ready(queue)},
            keys.jobPrefix(queue),
            Integer.toString(limit));
    return n == null ? 0 : n;
  }

  /** Number of completions refused in a queue because the writer had lost the lease. */
  public long staleWrites(String queue) {
    return StatsHash.count(conn.sync().hget(keys.stats(queue), StatsHash.STALE_WRITES));
  }

  /**
   * Block on a dedicated connection until the queue has a waiting job or {@code max} passes, without waiting
   * for the answer; it is true if the queue has one. The wait is on the queue's ready list and moves its last
   * element onto its own end, which changes nothing.
   */
  public CompletableFuture<Boolean> awaitWorkAsync(
      StatefulRedisConnection<String, String> blocking, String queue, Duration max) {
    return blocking.async()
        .blmove(keys.ready(queue), keys.ready(queue), io.lettuce.core.LMoveArgs.Builder.rightRight(),
            max.toMillis() / 1000.0)
        .toCompletableFuture()
        .thenApply(v -> v != null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> toMap(Object flat) {
    List<Object> l = (List<Object>) flat;
    Map<String, String> m = new HashMap<>(l.size());
    for (int i = 0; i + 1 < l.size(); i += 2) {
      m.put((String) l.get(i), (String) l.get(i + 1));
    }
    return m;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
