package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client paths and a worker's fetch and job ends over blocking sockets on a standalone server (a redis-server
 * of its own, with a password): logins refused as before, scripts loaded again after SCRIPT FLUSH, a restart and a
 * hang survived, many threads at once, no password in any message.
 */
class DirectTransportTest {
  private static final String PASSWORD = "direct-s3cret";
  private static RedisProcess server;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("myrq-direct");
    server = RedisProcess.server(RedisExtension.freePort(), dir, "requirepass " + PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void flush() {
    if (!server.alive()) {
      server.start();
    }
    try (MyrqClient c = MyrqClient.connect(settings())) {
      c.queues(); // reachable
    }
    raw("FLUSHALL");
  }

  private static RedisSettings settings() {
    return RedisSettings.of("redis://:" + PASSWORD + "@" + server.hostPort()).withTimeout(Duration.ofSeconds(2));
  }

  private static void raw(String... command) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(server.port()),
          "-a", PASSWORD, "--no-auth-warning")) {{ addAll(List.of(command)); }}).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void wrong_password_and_no_password_are_config_errors_that_do_not_echo_the_password() {
    InvalidConfigException wrong = assertThrows(InvalidConfigException.class,
        () -> MyrqClient.connect(RedisSettings.of("redis://:not-it-" + PASSWORD + "@" + server.hostPort())));
    assertTrue(wrong.getMessage().contains("refused the credentials"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("not-it"), wrong.getMessage());
    InvalidConfigException none = assertThrows(InvalidConfigException.class,
        () -> MyrqClient.connect(RedisSettings.of("redis://" + server.hostPort())));
    assertTrue(none.getMessage().contains("refused the credentials"), none.getMessage());
  }

  @Test
  void user_and_password_in_the_url_log_in_and_the_database_is_selected() {
    try (MyrqClient c = MyrqClient.connect(RedisSettings.of("redis://default:" + PASSWORD + "@" + server.hostPort() + "/3"))) {
      String id = c.enqueue("com.acme.Task.noop");
      assertEquals(JobStatus.QUEUED, c.status(id));
    }
    try (MyrqClient c = MyrqClient.connect(settings())) {
      assertEquals(List.of(), c.queues());
    }
  }

  @Test
  void scripts_flushed_from_redis_are_loaded_again_for_single_and_bulk_enqueue() {
    try (MyrqClient c = MyrqClient.connect(settings())) {
      c.enqueue("com.acme.Task.noop");
      raw("SCRIPT", "FLUSH");
      String id = c.enqueue("com.acme.Task.noop");
      assertEquals(JobStatus.QUEUED, c.status(id));
      raw("SCRIPT", "FLUSH");
      List<JobRequest> many = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        many.add(JobRequest.of("com.acme.Task.add", i, 1));
      }
      assertEquals(1200, new HashSet<>(c.enqueueMany(many)).size());
      assertEquals(1202, c.queues().get(0).queued());
    }
  }

  @Test
  void a_workers_fetch_and_job_ends_work_after_a_script_flush_and_fail_as_unavailable_while_redis_is_down()
      throws Exception {
    try (MyrqClient c = MyrqClient.connect(settings())) {
      Broker broker = c.broker(Retention.defaults());
      List<String> ids = List.of(c.enqueue("com.acme.Task.noop"), c.enqueue("com.acme.Task.noop"));
      raw("SCRIPT", "FLUSH");
      Fetched f = broker.fetch("default", 10, "w1", "p:", Duration.ofSeconds(30));
      assertEquals(ids, f.jobs().stream().map(LeasedJob::id).toList());
      raw("SCRIPT", "FLUSH");
      List<JobEnding> ends = new ArrayList<>();
      for (LeasedJob j : f.jobs()) {
        ends.add(new JobEnding(j.id(), j.token(), JobEnding.Outcome.FINISHED, "null", "", "", 0));
      }
      ends.add(new JobEnding(ids.get(0), "not-its-token", JobEnding.Outcome.FINISHED, "null", "", "", 0));
      assertEquals(List.of(ids.get(0)), broker.complete("default", ends).get());
      for (String id : ids) {
        assertEquals(JobStatus.FINISHED, c.status(id));
      }
      server.kill9();
      var failed = broker.complete("default", ends.subList(0, 1));
      var e = assertThrows(java.util.concurrent.ExecutionException.class, failed::get);
      assertTrue(e.getCause() instanceof RedisUnavailableException, e.toString());
      assertThrows(RedisUnavailableException.class, () -> broker.fetch("default", 1, "w1", "p:", Duration.ofSeconds(30)));
      server.start();
      assertTrue(broker.fetch("default", 1, "w1", "p:", Duration.ofSeconds(30)).jobs().isEmpty());
    }
  }

  @Test
  void redis_down_is_unavailable_and_the_next_call_after_its_restart_works() {
    try (MyrqClient c = MyrqClient.connect(settings())) {
      c.enqueue("com.acme.Task.noop");
      server.kill9();
      RedisUnavailableException e =
          assertThrows(RedisUnavailableException.class, () -> c.enqueue("com.acme.Task.noop"));
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      server.start(); // without persistence: an empty server (the queue set too, so jobs are read by queue)
      String id = c.enqueue("com.acme.Task.noop");
      assertEquals(JobStatus.QUEUED, c.jobs("default", List.of(id)).get(id).status());
      server.kill9();
      server.start(); // restarted between two calls: the idle socket is found closed and replaced
      String next = c.enqueue("com.acme.Task.noop");
      assertEquals(JobStatus.QUEUED, c.jobs("default", List.of(next)).get(next).status());
    }
  }

  @Test
  void a_redis_restarted_empty_gets_the_queue_registered_again_by_the_next_enqueue_on_both_transports() {
    // no query string: sockets; a query string: Lettuce for everything
    for (String url : List.of(settings().url(), settings().url() + "?timeout=2s")) {
      try (MyrqClient c = MyrqClient.connect(RedisSettings.of(url).withTimeout(Duration.ofSeconds(2)))) {
        c.enqueue("com.acme.Task.noop");
        c.enqueueMany(List.of(JobRequest.of("com.acme.Task.noop").withQueue("bulk")));
        server.kill9();
        server.start(); // without persistence: empty, the queue set too
        String id = retried(() -> c.enqueue("com.acme.Task.noop")); // Lettuce may still be reconnecting
        assertEquals(JobStatus.QUEUED, c.status(id), url);
        String bulk = c.enqueueMany(List.of(JobRequest.of("com.acme.Task.noop").withQueue("bulk"))).get(0);
        assertEquals(JobStatus.QUEUED, c.status(bulk), url);
        assertEquals(List.of("bulk", "default"), c.queues().stream().map(QueueInfo::name).toList(), url);
      }
    }
  }

  private static <T> T retried(java.util.function.Supplier<T> call) {
    for (int i = 0; ; i++) {
      try {
        return call.get();
      } catch (RedisUnavailableException e) {
        if (i == 50) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          throw new IllegalStateException(ie);
        }
      }
    }
  }

  @Test
  void a_workers_wait_over_its_own_socket_is_woken_by_an_enqueue_and_a_restart_is_an_outage_it_recovers_from()
      throws Exception {
    ExecutorService fetcher = Executors.newSingleThreadExecutor();
    try (MyrqClient c = MyrqClient.connect(settings());
        QueueWatch watch = c.broker(Retention.defaults()).watch(List.of("default"), Duration.ofSeconds(20))) {
      List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.Callable<Integer> wait = () -> watch.awaitAndStart(List.of("default"), 10, "w1", "p:",
          Duration.ofSeconds(30), (q, jobs) -> {
            jobs.forEach(j -> started.add(j.id()));
            return jobs.size();
          });
      Future<Integer> got = fetcher.submit(wait);
      awaitBlocked();
      assertTrue(rawOut("CLIENT", "LIST").lines().anyMatch(l -> l.contains("cmd=blmove") && l.contains("resp=2")),
          "the wait is on a RESP2 socket, not Lettuce's RESP3 connection");
      String id = c.enqueue("com.acme.Task.noop");
      assertEquals(1, got.get(10, java.util.concurrent.TimeUnit.SECONDS)); // long before the 20 s block ends
      assertEquals(List.of(id), started);

      Future<Integer> cut = fetcher.submit(wait);
      awaitBlocked();
      server.kill9();
      var e = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> cut.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof RedisUnavailableException, e.toString());
      server.start(); // empty
      Future<Integer> again = fetcher.submit(wait);
      awaitBlocked();
      String next = c.enqueue("com.acme.Task.noop");
      assertEquals(1, again.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(List.of(id, next), started);
    } finally {
      fetcher.shutdownNow();
    }
  }

  /** Until a client is blocked in BLMOVE. */
  private static void awaitBlocked() throws InterruptedException {
    for (int i = 0; i < 100 && !rawOut("INFO", "clients").contains("blocked_clients:1"); i++) {
      Thread.sleep(50);
    }
  }

  private static String rawOut(String... command) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(server.port()),
          "-a", PASSWORD, "--no-auth-warning")) {{ addAll(List.of(command)); }}).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void redis_that_hangs_is_unavailable_within_the_timeout_and_the_connection_recovers() {
    try (MyrqClient c = MyrqClient.connect(settings().withTimeout(Duration.ofMillis(500)))) {
      c.enqueue("com.acme.Task.noop");
      server.pause();
      long t0 = System.nanoTime();
      try {
        RedisUnavailableException e =
            assertThrows(RedisUnavailableException.class, () -> c.enqueue("com.acme.Task.noop"));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
      } finally {
        server.resume();
      }
      String id = c.enqueue("com.acme.Task.noop");
      assertEquals(JobStatus.QUEUED, c.status(id));
    }
  }

  @Test
  void concurrent_enqueues_from_many_threads_all_land() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (MyrqClient c = MyrqClient.connect(settings())) {
      List<Future<List<String>>> fs = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        fs.add(pool.submit(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            ids.add(c.enqueue("com.acme.Task.add", i, 2));
          }
          return ids;
        }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> f : fs) {
        all.addAll(f.get());
      }
      assertEquals(1600, all.size());
      assertEquals(1600, c.queues().get(0).queued());
    } finally {
      pool.shutdownNow();
    }
  }
}
