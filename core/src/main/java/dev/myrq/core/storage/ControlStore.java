package dev.myrq.core.storage;

import dev.myrq.core.PurgeTarget;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Redis commands of an operator's controls: cancel, delete, pause, resume, purge, and watching a job's end. */
final class ControlStore {
  /** Ids per purge script call: bounded, so Redis is never blocked for long. */
  static final int PURGE_BATCH = 1000;

  private final RedisLink conn;
  private final Keys keys;

  ControlStore(RedisLink conn, Keys keys) {
    this.conn = conn;
    this.keys = keys;
  }

  /**
   * Find the queue of a job among these queues: the one holding its hash, else the one whose registries still
   * name it; null when none does. One pipelined round trip per kind of look-up.
   */
  public String locate(String id, List<String> queues) {
    List<RedisFuture<Long>> hashes = new ArrayList<>();
    for (String q : queues) {
      hashes.add(conn.async().exists(keys.job(q, id)));
    }
    for (int i = 0; i < queues.size(); i++) {
      if (Await.answer(hashes.get(i)) > 0) {
        return queues.get(i);
      }
    }
    List<RedisFuture<Double>> finished = new ArrayList<>();
    List<RedisFuture<Double>> failed = new ArrayList<>();
    for (String q : queues) {
      finished.add(conn.async().zscore(keys.finished(q), id));
      failed.add(conn.async().zscore(keys.failed(q), id));
    }
    for (int i = 0; i < queues.size(); i++) {
      if (Await.answer(finished.get(i)) != null || Await.answer(failed.get(i)) != null) {
        return queues.get(i);
      }
    }
    return null;
  }

  /** Cancel a job of this queue; return the status it had, '' when the queue has no such job hash. */
  public String cancel(String queue, String id, Duration keepFor) {
    return Scripts.CANCEL.call(
        conn,
        ScriptOutputType.VALUE,
        new String[] {keys.queue(queue), keys.scheduled(queue), keys.active(queue), keys.moving(queue)},
        keys.jobPrefix(queue),
        id,
        Long.toString(Math.max(1, keepFor.toSeconds())),
        keys.control(queue),
        keys.ended(queue));
  }

  /** Delete a job of this queue unless it runs; return the status it had ('started': refused; '': none). */
  public String delete(String queue, String id) {
    return Scripts.DELETE.call(
        conn,
        ScriptOutputType.VALUE,
        new String[] {
          keys.queue(queue), keys.scheduled(queue), keys.finished(queue), keys.failed(queue), keys.moving(queue)
        },
        keys.jobPrefix(queue),
        id,
        keys.ended(queue));
  }

  /** Pause a queue: fetch leases nothing from it from now on; its workers hear it at once. */
  public void pause(String queue) {
    conn.sync().set(keys.paused(queue), Long.toString(System.currentTimeMillis()));
    conn.sync().publish(keys.control(queue), "pause");
  }

  /** Resume a paused queue; its idle workers hear it at once. */
  public void resume(String queue) {
    conn.sync().del(keys.paused(queue));
    conn.sync().publish(keys.control(queue), "resume");
  }

  /** True while the queue is paused. */
  public boolean isPaused(String queue) {
    return conn.sync().exists(keys.paused(queue)) > 0;
  }

  /** Delete every job of one kind from a queue, in batches; return how many ids were removed. */
  public long purge(String queue, PurgeTarget target) {
    return switch (target) {
      case WAITING -> purgeWaiting(queue) + purge(queue, keys.scheduled(queue), "zset");
      case FAILED -> purge(queue, keys.failed(queue), "zset");
      case FINISHED -> purge(queue, keys.finished(queue), "zset");
    };
  }

  /** Every priority level's list (levels left named in the ready list are dropped by the next fetch). */
  private long purgeWaiting(String queue) {
    long n = 0;
    for (int p = dev.myrq.core.JobRequest.MIN_PRIORITY; p <= dev.myrq.core.JobRequest.MAX_PRIORITY; p++) {
      n += purge(queue, keys.queue(queue, p), "list");
    }
    return n;
  }

  private long purge(String queue, String collection, String type) {
    long total = 0;
    long n;
    do {
      Long got =
          Scripts.PURGE.call(
              conn,
              ScriptOutputType.INTEGER,
              new String[] {collection, keys.moving(queue)},
              keys.jobPrefix(queue),
              type,
              Integer.toString(PURGE_BATCH),
              keys.ended(queue));
      n = got == null ? 0 : got;
      total += n;
    } while (n == PURGE_BATCH);
    return total;
  }

  /**
   * Ask to hear of a job's end on the queue's ended channel (subscribe to it first); return the job's status, ''
   * when the queue has no such job hash.
   */
  public String watch(String queue, String id) {
    return Scripts.WATCH.call(conn, ScriptOutputType.VALUE, new String[] {keys.job(queue, id)});
  }

}
