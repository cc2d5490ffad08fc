package dev.myrq.core;

import java.time.Instant;
import java.util.List;

/**
 * A live worker as its heartbeat record describes it.
 *
 * @param stuck job threads abandoned because they ignored their interrupt (the worker exits past a limit)
 */
public record WorkerInfo(
    String name,
    String host,
    long pid,
    List<String> queues,
    List<String> jobs,
    int concurrency,
    int stuck,
    Instant startedAt,
    Instant lastBeat,
    String version) {}
