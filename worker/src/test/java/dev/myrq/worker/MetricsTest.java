package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The worker's /metrics, scraped while it runs real jobs. */
@ExtendWith(RedisExtension.class)
class MetricsTest {
  private static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void scrapes_during_a_run_count_the_jobs_that_ran_by_queue_and_func(TestRedis redis, MyrqClient client)
      throws Exception {
    // the outage counter is the process's: tests that ran before in this JVM (a failover, a Redis restart) count too
    long outagesBefore = Outage.outages();
    WorkerConfig config = RunningWorker.config(redis.url()).withMetricsListen(new InetSocketAddress("127.0.0.1", 0));
    try (RunningWorker w = new RunningWorker(config)) {
      String sleeping = client.enqueue("com.acme.Task.sleep", 5); // runs while the first scrapes look
      client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("nobody"));
      client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("nobody"));
      RunningWorker.awaitJob(client, sleeping, j -> j.status() == JobStatus.STARTED, MAX);

      Scrape during = awaitScrape(w, s -> s.value("myrq_jobs_running") == 1);
      assertEquals(1, during.value("myrq_jobs_started_total", "queue", "default", "func", "com.acme.Task.sleep"));
      assertEquals(2, during.value("myrq_queue_depth", "queue", "nobody"));
      assertTrue(during.value("myrq_queue_oldest_job_age_seconds", "queue", "nobody") > 0, during.text);
      assertEquals(0, during.value("myrq_queue_oldest_job_age_seconds", "queue", "default"));
      assertEquals(0, during.value("myrq_queue_workers", "queue", "nobody"));
      assertEquals(1, during.value("myrq_queue_workers", "queue", "default"));
      assertEquals(4, during.value("myrq_worker_concurrency"));
      assertEquals(1, during.value("myrq_redis_up"));

      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(client.enqueue("com.acme.Task.add", i, 1));
      }
      ids.add(client.enqueue("com.acme.Task.fail", "one"));
      ids.add(client.enqueue("com.acme.Task.fail", "two"));
      Path counter = Files.createTempFile("myrq-flaky", ".txt");
      Files.delete(counter);
      ids.add(client.enqueue(JobRequest.of("com.acme.testjobs.Risky.flaky", counter.toString(), 1).withRetries(1)
          .withBackoff(Duration.ZERO)));
      ids.add(client.enqueue(JobRequest.of("com.acme.Task.sleep", 5).withTimeout(Duration.ofSeconds(1))));
      ids.add(sleeping);
      for (String id : ids) {
        RunningWorker.awaitJob(client, id, j -> j.status().isTerminal(), MAX);
      }

      Scrape after = awaitScrape(w, s -> s.value("myrq_jobs_running") == 0
          && s.value("myrq_jobs_finished_total", "queue", "default", "func", "com.acme.testjobs.Risky.flaky") == 1);
      assertCounts(after, "com.acme.Task.add", 3, 3, 0, 0, 0);
      assertCounts(after, "com.acme.Task.fail", 2, 0, 2, 0, 0);
      assertCounts(after, "com.acme.testjobs.Risky.flaky", 2, 1, 0, 1, 0);
      assertCounts(after, "com.acme.Task.sleep", 2, 1, 0, 0, 1);
      assertEquals(3, after.value("myrq_job_duration_seconds_count", "queue", "default", "func", "com.acme.Task.add"));
      assertEquals(1, bucket(after, "com.acme.Task.sleep", "+Inf") - bucket(after, "com.acme.Task.sleep", "5.0"),
          "the 5 s sleep");
      assertEquals(1, bucket(after, "com.acme.Task.sleep", "5.0") - bucket(after, "com.acme.Task.sleep", "0.5"),
          "the sleep timed out after 1 s");
      assertEquals(5, after.value("myrq_queue_finished_total", "queue", "default"));
      assertEquals(3, after.value("myrq_queue_failed_total", "queue", "default"));
      assertTrue(after.value("myrq_lease_renewals_total") >= 1, "the 5 s job outlived a 1 s beat");
      assertEquals(0, after.value("myrq_stale_writes_total"));
      assertEquals(outagesBefore, after.value("myrq_redis_outages_total"));
    }
  }

  @Test
  void a_flood_of_distinct_funcs_is_capped_to_a_bounded_set_of_labels() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JobMetrics metrics = new JobMetrics(registry);
    for (int i = 0; i < 5 * FuncLabels.MAX; i++) {
      metrics.jobEnded("default", "com.evil.F" + i + ".run", Outcome.FAILED, -1);
    }
    MetricSnapshot failed =
        registry.scrape().stream().filter(m -> m.getMetadata().getName().equals("myrq_jobs_failed")).findFirst()
            .orElseThrow();
    assertEquals(FuncLabels.MAX + 1, failed.getDataPoints().size());
    assertTrue(failed.getDataPoints().stream().anyMatch(
        p -> p.getLabels().get("func").equals(FuncLabels.OTHER)));
  }

  @Test
  void listen_address_is_addr_colon_port_and_a_taken_port_is_a_config_error(MyrqClient client) throws Exception {
    ListenAddress parse = new ListenAddress();
    assertEquals(new InetSocketAddress("127.0.0.1", 9121), parse.convert("127.0.0.1:9121"));
    assertEquals(new InetSocketAddress(9121), parse.convert(":9121"));
    assertEquals(new InetSocketAddress("::1", 0), parse.convert("[::1]:0"));
    for (String bad : List.of("9121", "127.0.0.1:http", "127.0.0.1:70000", "no-such-host.invalid:9121")) {
      assertThrows(CommandLine.TypeConversionException.class, () -> parse.convert(bad), bad);
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        MetricsServer server = new MetricsServer(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), client, new WorkerMetrics.Sources(() -> 0, () -> 0, () -> 0, () -> 0, () -> 0,
            () -> 0, () -> 0, () -> 1))) {
      InvalidConfigException e = assertThrows(InvalidConfigException.class, server::start);
      assertTrue(e.getMessage().startsWith("--metrics-listen 127.0.0.1:" + taken.getLocalPort() + " cannot be bound"),
          e.getMessage());
    }
  }

  private static double bucket(Scrape s, String func, String le) {
    return s.value("myrq_job_duration_seconds_bucket", "queue", "default", "func", func, "le", le);
  }

  private static void assertCounts(
      Scrape s, String func, int started, int finished, int failed, int retried, int timedOut) {
    String[] l = {"queue", "default", "func", func};
    assertEquals(List.of(started, finished, failed, retried, timedOut),
        List.of((int) s.value("myrq_jobs_started_total", l), (int) s.value("myrq_jobs_finished_total", l),
            (int) s.value("myrq_jobs_failed_total", l), (int) s.value("myrq_jobs_retried_total", l),
            (int) s.value("myrq_jobs_timed_out_total", l)),
        func + ": started, finished, failed, retried, timed out");
  }

  private interface Check {
    boolean ok(Scrape s);
  }

  private static Scrape awaitScrape(RunningWorker w, Check check) throws Exception {
    long end = System.nanoTime() + MAX.toNanos();
    Scrape s = scrape(w);
    while (!check.ok(s)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("scrape never matched:\n" + s.text);
      }
      RunningWorker.sleep(100);
      s = scrape(w);
    }
    return s;
  }

  private static Scrape scrape(RunningWorker w) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.worker.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
    return new Scrape(r.body());
  }

  /** One scrape in the Prometheus text format: sample name and labels to value. */
  static final class Scrape {
    final String text;
    private final Map<String, Double> samples = new TreeMap<>();

    Scrape(String text) {
      this.text = text;
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0) {
          for (String pair : line.substring(brace + 1, line.lastIndexOf('}')).split("\",")) {
            String[] kv = pair.split("=\"", 2);
            labels.put(kv[0], kv[1].replaceAll("\"$", ""));
          }
        }
        samples.put(name + labels, Double.parseDouble(line.substring(space + 1)));
      }
    }

    /** The sample's value; 0 when absent (a counter that never moved). */
    double value(String name, String... labelPairs) {
      Map<String, String> labels = new TreeMap<>();
      for (int i = 0; i < labelPairs.length; i += 2) {
        labels.put(labelPairs[i], labelPairs[i + 1]);
      }
      return samples.getOrDefault(name + labels, 0.0);
    }
  }
}
