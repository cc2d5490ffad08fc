package dev.myrq.core;

import java.util.List;

/**
 * One page of a queue's jobs in one state, in the order the state lists them: queued jobs next-to-run first
 * (higher priority levels first), started jobs by lease deadline, scheduled jobs by due time, failed and finished
 * jobs newest first.
 *
 * @param state the listed state; {@link JobStatus#FAILED} lists failed and timed-out jobs (one registry)
 * @param total how many jobs the state holds in this queue at the moment of reading
 * @param offset position of the first job of the page in the whole list, from 0
 * @param jobs the page; a registry entry whose hash expired comes back with {@link Job#expired()} true
 */
public record JobPage(String queue, JobStatus state, long total, int offset, List<Job> jobs) {}
