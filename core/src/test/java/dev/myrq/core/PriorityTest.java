package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class PriorityTest {
  private static final Duration LEASE = Duration.ofSeconds(20);

  private static List<String> fetchIds(Broker leases, int max) {
    return leases.fetch("default", max, "w1", "t:", LEASE).jobs().stream().map(LeasedJob::id).toList();
  }

  @Test
  void higher_priority_runs_first_and_fifo_within_one_priority(MyrqClient client, TestRedis redis) {
    String low1 = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(-3));
    String plain1 = client.enqueue("com.acme.Task.noop");
    String high1 = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(5));
    String plain2 = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(0));
    String high2 = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(5));
    String top = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(10));
    Broker leases = client.broker(Retention.defaults());

    assertEquals(List.of(top, high1), fetchIds(leases, 2));
    assertEquals(List.of(high2, plain1, plain2, low1), fetchIds(leases, 10));
    assertEquals(5, client.job(high1).priority());
    assertEquals(0, client.job(plain1).priority());
    assertTrue(redis.raw().keys("myrq:{default}:queue*").isEmpty(), "emptied level lists are gone");
    assertFalse(redis.raw().exists("myrq:{default}:ready") == 1, "no level is left marked ready");
  }

  @Test
  void the_ready_list_names_each_waiting_level_once_and_a_level_0_job_is_found_without_it(
      MyrqClient client, TestRedis redis) {
    List<String> plain = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      plain.add(client.enqueue("com.acme.Task.noop"));
      client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(4));
    }
    client.enqueueMany(List.of(JobRequest.of("com.acme.Task.noop"), JobRequest.of("com.acme.Task.noop")));
    assertEquals(List.of("0", "4"), sorted(redis.raw().lrange("myrq:{default}:ready", 0, -1)));

    // level 0 not named (a hand-made state: enqueue names it when its list was empty): every fetch still looks there
    redis.raw().lrem("myrq:{default}:ready", 0, "0");
    plain.add(client.enqueue("com.acme.Task.noop"));
    Broker leases = client.broker(Retention.defaults());
    assertEquals(3, fetchIds(leases, 3).size(), "level 4 first");
    assertEquals(plain.subList(0, 3), fetchIds(leases, 3));
  }

  @Test
  void a_job_keeps_its_priority_through_the_schedule_and_a_requeue(MyrqClient client, TestRedis redis)
      throws Exception {
    String late = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(7).withDelay(Duration.ofMillis(50)));
    String plain = client.enqueue("com.acme.Task.noop");
    Broker leases = client.broker(Retention.defaults());
    Thread.sleep(100);
    leases.promote("default", 10);
    assertEquals(List.of(late), fetchIds(leases, 1));
    assertEquals(List.of("0", "7"), sorted(redis.raw().lrange("myrq:{default}:ready", 0, -1)));
    assertEquals(List.of(plain), fetchIds(leases, 5));
  }

  @Test
  void a_page_of_queued_jobs_lists_them_in_the_order_they_run(MyrqClient client) {
    String low = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(-2));
    String plain1 = client.enqueue("com.acme.Task.noop");
    String plain2 = client.enqueue("com.acme.Task.noop");
    String high = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(4));
    JobPage all = client.jobs("default", JobStatus.QUEUED, 0, 10);
    assertEquals(4, all.total());
    assertEquals(List.of(high, plain1, plain2, low), all.jobs().stream().map(Job::id).toList());
    assertEquals(List.of(plain2, low), client.jobs("default", JobStatus.QUEUED, 2, 5).jobs().stream().map(Job::id).toList());
    assertEquals(List.of(plain1), client.jobs("default", JobStatus.QUEUED, 1, 1).jobs().stream().map(Job::id).toList());
    assertTrue(client.oldestWait("default").isPresent());
  }

  @Test
  void queue_counts_add_up_every_priority(MyrqClient client) {
    List<JobRequest> requests = new ArrayList<>();
    for (int p = -10; p <= 10; p++) {
      requests.add(JobRequest.of("com.acme.Task.noop").withPriority(p));
    }
    client.enqueueMany(requests);
    assertEquals(21, client.queues().get(0).queued());
  }

  @Test
  void a_priority_out_of_range_is_refused_and_writes_nothing(MyrqClient client, TestRedis redis) {
    InvalidJobException e =
        assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(11)));
    assertTrue(e.getMessage().contains("priority must be from -10 to 10"), e.getMessage());
    assertTrue(redis.raw().keys("*").isEmpty());
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new ArrayList<>(l);
    s.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    return s;
  }
}
