package dev.myrq.core.storage;

import java.util.List;

/**
 * The fields of a queue's stats HASH ({@link Keys#stats}): counters that only grow, written by the Lua steps.
 * Unlike the finished and failed registries they are never trimmed, so they count every job a queue ever ended.
 * Internal to core (public only for core's test helpers, which seed raw Redis).
 */
public final class StatsHash {
  /** Jobs that finished (added once per completion call, for the whole batch). */
  public static final String FINISHED = "finished";
  /** Jobs that ended failed or timed out, retries used up, including jobs failed after too many worker deaths. */
  public static final String FAILED = "failed";
  /** Completions refused because the writer no longer held the lease. */
  public static final String STALE_WRITES = "stale_writes";

  /** Every field, for the documentation check. */
  public static final List<String> FIELDS = List.of(FINISHED, FAILED, STALE_WRITES);

  private StatsHash() {}

  /** A counter's value from an HGET/HMGET answer: absent (never counted) is 0. */
  public static long count(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
