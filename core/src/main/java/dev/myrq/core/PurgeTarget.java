package dev.myrq.core;

/** What {@link MyrqClient#purge} deletes from a queue. */
public enum PurgeTarget {
  /** Every job waiting in it: queued and scheduled. Running jobs are left alone. */
  WAITING,
  /** Its failed registry: failed and timed-out jobs. */
  FAILED,
  /** Its finished registry and the finished jobs' results. */
  FINISHED
}
