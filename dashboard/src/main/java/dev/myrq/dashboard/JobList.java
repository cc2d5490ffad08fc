package dev.myrq.dashboard;

import dev.myrq.core.Job;
import dev.myrq.core.JobPage;
import dev.myrq.core.JobStatus;
import dev.myrq.core.QueueInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A page of a queue's jobs in one state, with the queue's counts for the state tabs.
 *
 * @param number the page number, from 1
 */
public record JobList(QueueInfo queue, JobPage page, int number, int size) {
  /** The states a queue lists, in the order of the tabs. */
  public static final List<JobStatus> STATES =
      List.of(JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.STARTED, JobStatus.FAILED, JobStatus.FINISHED);

  /** The list a job of this status is shown in: timed-out jobs are with the failed, canceled ones in none. */
  public static JobStatus listOf(JobStatus status) {
    return switch (status) {
      case TIMEOUT, CANCELED -> JobStatus.FAILED;
      default -> status;
    };
  }

  /** How many pages the state fills, at least 1. */
  public long pages() {
    return Math.max(1, (page.total() + size - 1) / size);
  }

  public boolean hasPrevious() {
    return number > 1;
  }

  public boolean hasNext() {
    return number < pages();
  }

  /** The heading of the time column, which depends on the state. */
  public String whenHeading() {
    return switch (page.state()) {
      case QUEUED -> "waiting";
      case SCHEDULED -> "due";
      case STARTED -> "running for";
      default -> "ended";
    };
  }

  /** The time column of a job: how long it waits or runs, when it is due, or when it ended. */
  public String when(Job job, Instant now) {
    return switch (page.state()) {
      case QUEUED -> job.enqueuedAt() == null ? "" : Format.duration(Duration.between(job.enqueuedAt(), now));
      case SCHEDULED -> Format.time(job.dueAt());
      case STARTED -> job.startedAt() == null ? "" : Format.duration(Duration.between(job.startedAt(), now));
      default -> Format.time(job.endedAt());
    };
  }

  /** The count of a state in this queue, for its tab. */
  public long count(JobStatus state) {
    return switch (state) {
      case QUEUED -> queue.queued();
      case SCHEDULED -> queue.scheduled();
      case STARTED -> queue.started();
      case FINISHED -> queue.finished();
      default -> queue.failed();
    };
  }
}
