package dev.myrq.core;

/**
 * Counts for one queue at one moment.
 *
 * @param queued waiting in the queue
 * @param started leased by a worker (in flight)
 * @param scheduled waiting for a time (delayed or in retry backoff)
 * @param failed in the failed registry
 * @param finished in the finished registry
 */
public record QueueInfo(String name, long queued, long started, long scheduled, long failed, long finished) {}
