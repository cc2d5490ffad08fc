package dev.myrq.core.storage;

import java.util.Objects;

/**
 * Every Redis key myrq uses, and nothing else builds one. Internal to core (public only for core's test helpers,
 * which seed raw Redis). All keys of one queue share the Redis Cluster hash tag
 * {@code {queue}}, so every multi-key step of a queue stays in one slot.
 */
public final class Keys {
  private final String prefix;

  public Keys(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  public String prefix() {
    return prefix;
  }

  /** SET of queue names that have ever had a job enqueued. */
  public String queues() {
    return prefix + ":queues";
  }

  /** LIST of waiting job ids; enqueue pushes left, workers pop right (FIFO). */
  public String queue(String queue) {
    return tagged(queue) + "queue";
  }

  /**
   * LIST of waiting job ids of one priority level; level 0 is {@link #queue(String)} itself. The Lua steps build
   * the same name as the queue key, ':' and the level.
   */
  public String queue(String queue, int priority) {
    return priority == 0 ? queue(queue) : queue(queue) + ":" + priority;
  }

  /** LIST of the priority levels that have waiting jobs; idle workers block on it. */
  public String ready(String queue) {
    return tagged(queue) + "ready";
  }

  /** STRING holding the id of the job that holds a unique key in a queue. */
  public String unique(String queue, String uniqueKey) {
    return tagged(queue) + "unique:" + uniqueKey;
  }

  /** HASH of recurring entry name to the last tick (epoch ms) enqueued into this queue. */
  public String cronTicks(String queue) {
    return tagged(queue) + "cron";
  }

  /** HASH of recurring entry name to its definition (JSON); global, written only by plain commands. */
  public String cron() {
    return prefix + ":cron";
  }

  /** Prefix of the job HASH keys of a queue; a job key is this plus the job id. */
  public String jobPrefix(String queue) {
    return tagged(queue) + "job:";
  }

  /** HASH of one job: the fields of {@link JobHash}. */
  public String job(String queue, String id) {
    return jobPrefix(queue) + id;
  }

  /** ZSET of leased (running) job ids, scored by lease deadline in epoch ms. */
  public String active(String queue) {
    return tagged(queue) + "active";
  }

  /** ZSET of job ids waiting for a time (delayed jobs, retries in backoff), scored by due time in epoch ms. */
  public String scheduled(String queue) {
    return tagged(queue) + "scheduled";
  }

  /** ZSET of finished job ids, scored by end time in epoch ms; capped in count and age. */
  public String finished(String queue) {
    return tagged(queue) + "finished";
  }

  /** ZSET of failed and timed-out job ids, scored by end time in epoch ms; capped in count and age. */
  public String failed(String queue) {
    return tagged(queue) + "failed";
  }

  /** HASH of queue counters that only grow: the fields of {@link StatsHash}. */
  public String stats(String queue) {
    return tagged(queue) + "stats";
  }

  /** STRING present while the queue is paused (value: epoch ms of the pause); fetch leases nothing then. */
  public String paused(String queue) {
    return tagged(queue) + "paused";
  }

  /**
   * Key that never exists, declared by every multi-key script: on a Redis Cluster moving the queue's slot, a
   * script declaring a missing key is refused (TRYAGAIN) before it runs, never stopped halfway by a moved key.
   */
  public String moving(String queue) {
    return tagged(queue) + "moving";
  }

  /** Pub/sub channel to the queue's workers: {@code cancel <id>}, {@code pause}, {@code resume}. */
  public String control(String queue) {
    return tagged(queue) + "control";
  }

  /** Pub/sub channel of the ids of jobs with the notify field set, published when they end. */
  public String ended(String queue) {
    return tagged(queue) + "ended";
  }

  /** ZSET of worker names, scored by last heartbeat in epoch ms. */
  public String workers() {
    return prefix + ":workers";
  }

  /** HASH describing one live worker; expires when its heartbeats stop. */
  public String worker(String name) {
    return prefix + ":worker:" + name;
  }

  private String tagged(String queue) {
    return prefix + ":{" + queue + "}:";
  }
}
