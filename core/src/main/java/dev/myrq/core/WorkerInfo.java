package dev.myrq.core;

import java.time.Instant;
import java.util.List;

/** A live worker as its heartbeat record describes it. */
public record WorkerInfo(
    String name,
    String host,
    long pid,
    List<String> queues,
    List<String> jobs,
    int concurrency,
    Instant startedAt,
    Instant lastBeat,
    String version) {}
