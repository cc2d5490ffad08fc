package dev.myrq.core;

import com.google.gson.annotations.SerializedName;

/**
 * Counts for one queue at one moment.
 *
 * @param queued waiting in the queue
 * @param started leased by a worker (in flight)
 * @param scheduled waiting for a time (delayed or in retry backoff)
 * @param failed in the failed registry (capped, see the worker's --failed-max)
 * @param finished in the finished registry (capped at 100,000)
 * @param finishedTotal jobs that ever finished in this queue (a counter that is never trimmed)
 * @param failedTotal jobs that ever failed or timed out in this queue, retries used up (never trimmed)
 * @param paused true while the queue is paused (workers lease nothing from it)
 */
public record QueueInfo(
    String name,
    long queued,
    long started,
    long scheduled,
    long failed,
    long finished,
    @SerializedName("finished_total") long finishedTotal,
    @SerializedName("failed_total") long failedTotal,
    boolean paused) {}
