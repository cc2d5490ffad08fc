package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myrq.core.CronEntry;
import dev.myrq.core.CronSchedule;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Recurring entries: exactly one enqueue per tick whatever the number of workers ticking. */
@ExtendWith(RedisExtension.class)
class CronTickerTest {

  /** A clock the test moves. */
  static final class SettableClock extends Clock {
    volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void four_tickers_racing_on_every_tick_enqueue_exactly_one_job_per_tick(TestRedis redis, MyrqClient client)
      throws Exception {
    Instant start = Instant.parse("2026-03-10T09:00:30Z");
    client.addCron(new CronEntry("every-minute", CronSchedule.parse("* * * * *", ZoneOffset.UTC),
        JobRequest.of("com.acme.Task.noop"), start));
    SettableClock clock = new SettableClock(start);
    List<MyrqClient> clients = new ArrayList<>();
    List<CronTicker> tickers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(MyrqClient.connect(RedisSettings.of(redis.url())));
      tickers.add(new CronTicker(clients.get(i), clock));
    }
    try {
      int minutes = 12;
      for (int m = 1; m <= minutes; m++) {
        clock.now = start.plusSeconds(60L * m);
        CyclicBarrier together = new CyclicBarrier(tickers.size());
        List<Thread> threads = new ArrayList<>();
        for (CronTicker t : tickers) {
          Thread th = new Thread(() -> {
            await(together);
            t.tick();
            t.tick();
          });
          threads.add(th);
          th.start();
        }
        for (Thread th : threads) {
          th.join(20_000);
        }
      }
      assertEquals((long) minutes, redis.raw().llen("myrq:{default}:queue"));
    } finally {
      clients.forEach(MyrqClient::close);
    }
  }

  @Test
  void three_workers_enqueue_a_missed_tick_once_and_run_it(TestRedis redis, MyrqClient client) throws Exception {
    CronSchedule everyMinute = CronSchedule.parse("* * * * *", ZoneOffset.UTC);
    Instant firstTick = everyMinute.lastTick(Instant.now()).orElseThrow();
    client.addCron(new CronEntry("catch-up", everyMinute, JobRequest.of("com.acme.Task.add", 20, 22).withQueue("cronq"),
        Instant.now().minus(Duration.ofMinutes(10))));
    List<RunningWorker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        workers.add(new RunningWorker(RunningWorker.config(redis.url(), "cronq")));
      }
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (redis.raw().zcard("myrq:{cronq}:finished") == 0 && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      Thread.sleep(2500);
      // one job per tick: the latest missed one, and one more if a new minute began during the test
      long jobs;
      Instant lastTick;
      do {
        lastTick = everyMinute.lastTick(Instant.now()).orElseThrow();
        jobs = redis.raw().keys("myrq:{cronq}:job:*").size();
      } while (!lastTick.equals(everyMinute.lastTick(Instant.now()).orElseThrow()));
      assertEquals(1 + Duration.between(firstTick, lastTick).toMinutes(), jobs);
      String first = redis.raw().zrange("myrq:{cronq}:finished", 0, 0).get(0);
      assertEquals("42", awaitStatus(client, first, JobStatus.FINISHED).result());
    } finally {
      for (RunningWorker w : workers) {
        w.close();
      }
    }
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
