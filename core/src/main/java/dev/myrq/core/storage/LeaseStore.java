package dev.myrq.core.storage;

import dev.myrq.core.Broker;
import dev.myrq.core.Fetched;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.JobEnding;
import dev.myrq.core.JobFields;
import dev.myrq.core.JobStatus;
import dev.myrq.core.Lease;
import dev.myrq.core.LeasedJob;
import dev.myrq.core.Reaped;
import dev.myrq.core.Retention;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Redis commands a worker sends for the jobs it runs: lease (fetch), end (complete), renew, and the
 * housekeeping every worker shares (reap expired leases, promote due scheduled jobs). Thread-safe. Failures come
 * out as Lettuce's; {@link RedisBroker} translates them.
 */
final class LeaseStore {
  private static final String STARTED = JobStatus.STARTED.word();
  /** The complete step's word for each outcome, by ordinal (made once, not per job). */
  private static final String[] OUTCOMES = outcomeWords();
  private final RedisLink conn;
  private final Keys keys;
  private final Retention retention;

  LeaseStore(RedisLink conn, Keys keys, Retention retention) {
    this.conn = conn;
    this.keys = keys;
    this.retention = retention;
  }

  /** Lease up to {@code max} waiting jobs of a queue to a worker. */
  Fetched fetch(String queue, int max, String worker, String tokenPrefix, Duration lease) {
    // over a blocking socket on a standalone server: one write and one read on the fetcher's thread
    return parseFetched(
        queue, worker, conn.calls().script(Scripts.FETCH, fetchKeys(queue), fetchArgs(queue, max, worker, tokenPrefix, lease)));
  }

  /**
   * On a dedicated connection, block until the queue has a waiting job or {@code block} passes, then lease up to
   * {@code max} jobs, without a round trip in between: the wait and the fetch are pipelined on that connection,
   * and Redis runs the fetch the moment the wait ends. The wait is on the queue's ready list (the priority levels
   * that have waiting jobs) and moves its last element onto its own end, which changes nothing.
   * The future completes on the client's I/O thread.
   */
  CompletableFuture<Fetched> awaitAndFetchAsync(
      RedisLink blocking, String queue, Duration block, int max, String worker,
      String tokenPrefix, Duration lease) {
    blocking.async().blmove(keys.ready(queue), keys.ready(queue), LMoveArgs.Builder.rightRight(),
        block.toMillis() / 1000.0);
    return Scripts.FETCH.<List<Object>>callAsync(blocking, ScriptOutputType.MULTI, fetchKeys(queue),
            fetchArgs(queue, max, worker, tokenPrefix, lease))
        .thenApply(out -> parseFetched(queue, worker, out));
  }

  /**
   * {@link #awaitAndFetchAsync} over a blocking socket of its own (a standalone server): the wait and the fetch
   * go in one write, and the caller's thread reads both answers, blocking up to {@code block} plus the timeout
   * (then the socket is closed and the late answer never read, so no job of it starts: its leases expire). No
   * hand-off to Lettuce's I/O thread and back between Redis's answer and the jobs' start.
   */
  @SuppressWarnings("unchecked")
  Fetched awaitAndFetch(
      DirectConnection blocking, String queue, Duration block, int max, String worker, String tokenPrefix,
      Duration lease) {
    String[] k = fetchKeys(queue);
    String[] a = fetchArgs(queue, max, worker, tokenPrefix, lease);
    String sha = Scripts.FETCH.sha(source -> (String) blocking.call("SCRIPT", "LOAD", source));
    String ready = keys.ready(queue);
    blocking.writer().command("BLMOVE", ready, ready, "RIGHT", "RIGHT", Double.toString(block.toMillis() / 1000.0));
    DirectCalls.encode(blocking.writer(), sha, k, a);
    blocking.flush();
    Object moved = blocking.readReply();
    Object out = blocking.readReply();
    if (out instanceof RedisNoScriptException) {
      blocking.call("SCRIPT", "LOAD", Scripts.FETCH.source());
      DirectCalls.encode(blocking.writer(), sha, k, a);
      out = blocking.answer();
    }
    if (out instanceof RedisException e) {
      throw e;
    }
    if (moved instanceof RedisException e) {
      throw e;
    }
    return parseFetched(queue, worker, (List<Object>) out);
  }

  private String[] fetchKeys(String queue) {
    return new String[] {
      keys.queue(queue), keys.active(queue), keys.paused(queue), keys.ready(queue), keys.moving(queue)
    };
  }

  private String[] fetchArgs(String queue, int max, String worker, String tokenPrefix, Duration lease) {
    return new String[] {
      keys.jobPrefix(queue), Integer.toString(Math.min(max, Broker.MAX_FETCH)), worker, tokenPrefix,
      Long.toString(lease.toMillis())
    };
  }

  /**
   * The script's answer: the server time, then id, token and flat hash per leased job; or the server time and
   * "paused" from a paused queue.
   */
  private static Fetched parseFetched(String queue, String worker, List<Object> out) {
    List<LeasedJob> jobs = new ArrayList<>((out.size() - 1) / 3);
    String now = out.get(0).toString();
    for (int i = 1; i + 2 < out.size(); i += 3) {
      String token = (String) out.get(i + 1);
      Map<String, String> hash = toMap(out.get(i + 2));
      if (!hash.isEmpty()) {
        leaseFields(hash, token, now, worker);
      }
      jobs.add(leased(queue, (String) out.get(i), token, hash));
    }
    return new Fetched(jobs, out.size() == 2 && "paused".equals(out.get(1)));
  }

  /**
   * Set the five fields the fetch step wrote over the hash it read before (it does not send them back: Redis
   * turned every field it returns into a Lua string and back, per job; see fetch.lua).
   */
  private static void leaseFields(Map<String, String> hash, String token, String now, String worker) {
    hash.put(JobFields.ATTEMPT, token.substring(token.lastIndexOf('.') + 1));
    hash.put(JobFields.STATUS, STARTED);
    hash.put(JobFields.STARTED_AT, now);
    hash.put(JobFields.WORKER, worker);
    hash.put(JobFields.LEASE, token);
  }

  private static LeasedJob leased(String queue, String id, String token, Map<String, String> hash) {
    if (hash.isEmpty()) {
      return new LeasedJob(id, token, null, null);
    }
    try {
      return new LeasedJob(id, token, JobHash.fromHash(id, queue, hash), null);
    } catch (InvalidJobException e) {
      LeasedJob.Unreadable u =
          new LeasedJob.Unreadable(
              hash.getOrDefault(JobFields.FUNC, "?"),
              (int) number(hash.get(JobFields.ATTEMPT)),
              number(hash.get(JobFields.STARTED_AT)),
              e);
      return new LeasedJob(id, token, null, u);
    }
  }

  private static long number(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * End attempts of jobs leased from one queue on {@code writes} (the shared connection, or the durable writes'
   * own); return the ids whose lease was no longer held (nothing was written for them). Over Lettuce it does not
   * wait; over a blocking socket (a standalone server) it returns once Redis answered.
   */
  CompletableFuture<List<String>> complete(
      RedisLink writes, String queue, List<JobEnding> endings) {
    String[] args = new String[6 + 7 * endings.size()];
    args[0] = keys.jobPrefix(queue);
    args[1] = Long.toString(Math.max(1, retention.resultTtl().toSeconds()));
    args[2] = Long.toString(Math.max(1, retention.failedTtl().toSeconds()));
    args[3] = Integer.toString(retention.finishedMax());
    args[4] = Integer.toString(retention.failedMax());
    args[5] = Long.toString(retention.finishedAge().toMillis());
    int i = 6;
    for (JobEnding e : endings) {
      args[i++] = e.id();
      args[i++] = e.token();
      args[i++] = OUTCOMES[e.outcome().ordinal()];
      args[i++] = nonNull(e.value());
      args[i++] = nonNull(e.excInfo());
      args[i++] = nonNull(e.historyEntry());
      args[i++] = e.delayMillis() == 0 ? "0" : Long.toString(e.delayMillis());
    }
    String[] completeKeys = {
      keys.active(queue), keys.queue(queue), keys.scheduled(queue), keys.finished(queue),
      keys.failed(queue), keys.stats(queue), keys.ended(queue), keys.ready(queue), keys.moving(queue)
    };
    if (!writes.isDirect()) {
      return Scripts.COMPLETE.callAsync(writes, ScriptOutputType.MULTI, completeKeys, args);
    }
    // on a standalone server, on the caller's thread over a blocking socket: no hand-off to the client's I/O
    // thread and back; the caller (the completer, a thread of its own) batches the ends that pile up meanwhile
    try {
      return CompletableFuture.completedFuture(writes.calls().script(Scripts.COMPLETE, completeKeys, args));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Extend these leases; return the tokens of those this worker no longer holds. */
  List<String> renew(String queue, Collection<Lease> held, Duration lease) {
    String[] args = new String[2 + 2 * held.size()];
    args[0] = keys.jobPrefix(queue);
    args[1] = Long.toString(lease.toMillis());
    int i = 2;
    for (Lease l : held) {
      args[i++] = l.id();
      args[i++] = l.token();
    }
    return Scripts.RENEW.call(conn, ScriptOutputType.MULTI, new String[] {keys.active(queue), keys.moving(queue)}, args);
  }

  /** Put back (or fail, past {@code maxCrashes}) up to {@code limit} jobs of a queue whose lease expired. */
  Reaped reap(String queue, int maxCrashes, int limit) {
    List<String> out =
        Scripts.REAP.call(
            conn,
            ScriptOutputType.MULTI,
            new String[] {keys.active(queue), keys.queue(queue), keys.failed(queue), keys.stats(queue), keys.ended(queue),
              keys.ready(queue), keys.moving(queue)},
            keys.jobPrefix(queue),
            Integer.toString(maxCrashes),
            Long.toString(Math.max(1, retention.failedTtl().toSeconds())),
            Integer.toString(retention.failedMax()),
            Integer.toString(limit));
    int bar = out.indexOf("|");
    return new Reaped(List.copyOf(out.subList(0, bar)), List.copyOf(out.subList(bar + 1, out.size())));
  }

  /** Move up to {@code limit} due scheduled jobs of a queue into it; return how many moved. */
  long promote(String queue, int limit) {
    Long n =
        Scripts.PROMOTE.call(
            conn,
            ScriptOutputType.INTEGER,
            new String[] {keys.scheduled(queue), keys.queue(queue), keys.ready(queue), keys.moving(queue)},
            keys.jobPrefix(queue),
            Integer.toString(limit));
    return n == null ? 0 : n;
  }

  /** Number of completions refused in a queue because the writer had lost the lease. */
  long staleWrites(String queue) {
    return StatsHash.count(conn.sync().hget(keys.stats(queue), StatsHash.STALE_WRITES));
  }

  /**
   * Block on a dedicated connection until the queue has a waiting job or {@code max} passes, without waiting
   * for the answer; it is true if the queue has one. The wait is on the queue's ready list and moves its last
   * element onto its own end, which changes nothing.
   */
  CompletableFuture<Boolean> awaitWorkAsync(
      RedisLink blocking, String queue, Duration max) {
    return blocking.async()
        .blmove(keys.ready(queue), keys.ready(queue), LMoveArgs.Builder.rightRight(),
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

  private static String[] outcomeWords() {
    JobEnding.Outcome[] all = JobEnding.Outcome.values();
    String[] words = new String[all.length];
    for (JobEnding.Outcome o : all) {
      words[o.ordinal()] = o.name().toLowerCase(Locale.ROOT);
    }
    return words;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
