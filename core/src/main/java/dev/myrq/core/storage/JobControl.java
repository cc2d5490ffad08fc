package dev.myrq.core.storage;

import dev.myrq.core.InvalidJobException;
import dev.myrq.core.Job;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobRunningException;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqException;
import dev.myrq.core.PurgeTarget;
import dev.myrq.core.QueueNotFoundException;
import dev.myrq.core.Retention;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An operator's controls over jobs and queues (cancel, delete, pause, resume, purge) and the wait for a job's end,
 * for {@link RedisStore}. Failures come out translated. Thread-safe.
 */
final class JobControl implements AutoCloseable {
  private final RedisConnector connector;
  private final Keys keys;
  private final QueueStore queues;
  private final ControlStore control;
  private EndWatcher endWatcher;

  JobControl(RedisConnector connector, Keys keys, QueueStore queues, ControlStore control) {
    this.connector = connector;
    this.keys = keys;
    this.queues = queues;
    this.control = control;
  }

  /**
   * Cancel a job: a queued or scheduled job never runs; a started one loses its lease at once, and its worker
   * interrupts it within about a second and writes nothing for it. Either way its status becomes {@code
   * canceled}, it is not retried, and its hash is kept as long as a failed job's (7 days). A job that has already
   * ended is left alone. Return the status the job had: QUEUED, SCHEDULED or STARTED (now canceled), or the final
   * status it already had.
   *
   * @throws JobNotFoundException when no queue knows the id
   */
  JobStatus cancel(String id) {
    return connector.call(
        () -> {
          String q = locate(id);
          String before = control.cancel(q, id, Retention.DEFAULT_FAILED_TTL);
          return before.isEmpty() ? queues.find(id).status() : status(id, before);
        });
  }

  /**
   * Delete a job that is not running: its hash, and its id from its queue, schedule and registries. Return the
   * status it had (for a job of which only a registry record was left, that record's status).
   *
   * @throws JobNotFoundException when no queue knows the id
   * @throws JobRunningException when the job is started (cancel it first)
   */
  JobStatus delete(String id) {
    return connector.call(
        () -> {
          String q = locate(id);
          JobStatus known = queues.find(id).status();
          String before = control.delete(q, id);
          if (before.equals(JobStatus.STARTED.word())) {
            throw new JobRunningException(id);
          }
          if (before.isEmpty()) {
            throw new JobNotFoundException(id);
          }
          return before.equals("expired") ? known : status(id, before);
        });
  }

  /**
   * Pause a queue: from now on no worker leases a job from it (running jobs go on); workers hear it at once.
   * Jobs can still be enqueued.
   *
   * @throws InvalidJobException when the name is not a valid queue name
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  void pause(String queue) {
    connector.call(
        () -> {
          knownQueue(queue);
          control.pause(queue);
          return null;
        });
  }

  /**
   * Resume a paused queue (nothing happens to one that is not paused).
   *
   * @throws InvalidJobException when the name is not a valid queue name
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  void resume(String queue) {
    connector.call(
        () -> {
          knownQueue(queue);
          control.resume(queue);
          return null;
        });
  }

  /** Return true while the queue is paused. */
  boolean isPaused(String queue) {
    JobHash.validateQueue(queue);
    return connector.call(() -> control.isPaused(queue));
  }

  /**
   * Delete every job of one kind from a queue (see {@link PurgeTarget}); running jobs are never touched. Runs in
   * batches of 1000 ids, each atomic. Return how many jobs were deleted.
   *
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  long purge(String queue, PurgeTarget target) {
    return connector.call(
        () -> {
          knownQueue(queue);
          return control.purge(queue, target);
        });
  }

  /**
   * Wait up to {@code max} for a job to end (finished, failed, timeout or canceled); return it then, or empty
   * when {@code max} passed first. Waiting costs Redis nothing: the job's end is published on its queue's ended
   * channel, which this client hears on one pub/sub connection shared by all its waiting threads (its status is
   * read again every 10 s, in case a message was lost while the connection was down).
   *
   * @throws JobNotFoundException when no queue knows the id, or the job was deleted while waited for
   */
  Optional<Job> await(String id, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    String q = connector.call(() -> locate(id));
    EndWatcher watcher = endWatcher();
    while (true) {
      CompletableFuture<Void> ended = connector.call(() -> watcher.expect(q, id));
      try {
        String status = connector.call(() -> control.watch(q, id));
        if (status.isEmpty() || status(id, status).isTerminal()) {
          return Optional.of(connector.call(() -> queues.find(id)));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        ended.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // no end heard yet: read the status again
      } finally {
        watcher.forget(id, ended);
      }
    }
  }

  /** How often a waiting caller reads a job's status again, in case its end message was lost. */
  static final Duration RECHECK = Duration.ofSeconds(10);

  private synchronized EndWatcher endWatcher() {
    if (endWatcher == null) {
      endWatcher = connector.call(() -> new EndWatcher(connector.connectPubSub(), keys));
    }
    return endWatcher;
  }

  private String locate(String id) {
    String q = control.locate(id, queues.queueNames());
    if (q == null) {
      throw new JobNotFoundException(id);
    }
    return q;
  }

  private void knownQueue(String queue) {
    JobHash.validateQueue(queue);
    if (!queues.queueNames().contains(queue)) {
      throw new QueueNotFoundException(queue);
    }
  }

  private static JobStatus status(String id, String word) {
    try {
      return JobStatus.fromWord(word);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("job " + id + ": field 'status': " + e.getMessage());
    }
  }


  @Override
  public synchronized void close() {
    if (endWatcher != null) {
      endWatcher.close();
    }
  }
}
