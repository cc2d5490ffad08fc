package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Broker;
import dev.myrq.core.JobEnding;
import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.LeasedJob;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.Retention;
import dev.myrq.core.testing.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Completer#flush} returns true only once every end submitted before it is in Redis: the exit guard and the
 * SIGTERM stop put jobs back, flush, and then end the process.
 */
@ExtendWith(RedisExtension.class)
class CompleterFlushTest {
  private static final int ENDS = 200;

  @Test
  void an_end_submitted_just_before_flush_is_in_redis_when_flush_returns(MyrqClient client) throws Exception {
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < ENDS; i++) {
      requests.add(JobRequest.of("com.acme.Task.noop"));
    }
    client.enqueueMany(requests);
    Broker broker = client.broker(Retention.defaults());
    List<LeasedJob> leased = new ArrayList<>();
    while (leased.size() < ENDS) {
      leased.addAll(broker.fetch("default", ENDS - leased.size(), "flush-test", "t-", Duration.ofMinutes(5)).jobs());
    }
    HeldLeases held = new HeldLeases(List.of("default"));
    Completer completer = new Completer(broker, held);
    completer.start();
    try {
      for (LeasedJob job : leased) {
        held.add("default", job.id(), job.token());
        completer.submit("default", new JobEnding(job.id(), job.token(), Outcome.REQUEUE, "", "", "", 0));
        // a moment for the completer to take the end out of its queue, as a shutdown hook's work gives it: the
        // end is then neither queued nor sent, and flush must still wait for it
        long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(300_000);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        assertTrue(completer.flush(Duration.ofSeconds(30)), "flush gave up");
        assertEquals(JobStatus.QUEUED, client.status(job.id()), "flush returned before job " + job.id() + "'s end was written");
      }
    } finally {
      completer.stop();
    }
  }
}
