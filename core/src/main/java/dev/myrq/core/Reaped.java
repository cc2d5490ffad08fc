package dev.myrq.core;

import java.util.List;

/** What one {@link Broker#reap} did: jobs put back in their queue, and jobs failed for too many crashes. */
public record Reaped(List<String> requeued, List<String> failed) {}
