package dev.myrq.core;

import java.util.List;

/**
 * What one lease call got: the jobs leased, oldest first; none, and {@code paused} true, from a paused queue (see
 * {@link MyrqClient#pause}).
 */
public record Fetched(List<LeasedJob> jobs, boolean paused) {}
