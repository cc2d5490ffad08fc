package dev.myrq.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A recurring job: at each tick of its schedule, one job like {@code job} is enqueued into the job's queue, by
 * whichever worker claims the tick first. Ticks missed while no worker ran are run once, as one job, when a worker
 * is back; ticks before {@code addedAt} are never run.
 *
 * @param name 1 to 64 letters, digits, '_', '.', ':' or '-'; adding a name again replaces the entry
 * @param job what each tick enqueues: func, args, kwargs, queue, timeout (other options are not kept)
 * @param addedAt when the entry was added; null means now, at {@link MyrqClient#addCron}
 */
public record CronEntry(String name, CronSchedule schedule, JobRequest job, Instant addedAt) {
  public CronEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(job, "job");
  }

  /** An entry added now. */
  public static CronEntry of(String name, CronSchedule schedule, JobRequest job) {
    return new CronEntry(name, schedule, job, null);
  }

  /** The tick to enqueue at {@code now}: the latest one at or before it, unless it came before the entry. */
  public java.util.Optional<Instant> dueTick(Instant now) {
    return schedule.lastTick(now).filter(t -> addedAt == null || !t.isBefore(addedAt));
  }
}
