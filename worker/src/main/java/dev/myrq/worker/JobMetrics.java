package dev.myrq.worker;

import dev.myrq.core.JobEnding.Outcome;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job counters and the duration histogram, by queue and func. The hot path is two map look-ups and an atomic
 * add: the data points of each (queue, func) are looked up once and kept; funcs beyond {@link FuncLabels#MAX}
 * share the label {@code other}.
 */
final class JobMetrics implements Metrics {
  /** Duration buckets in seconds, from a no-op job to the longest default timeout and beyond. */
  static final double[] BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 180, 600, 1800};

  /** The data points of one (queue, func). */
  private record Meters(
      CounterDataPoint started, CounterDataPoint finished, CounterDataPoint failed, CounterDataPoint retried,
      CounterDataPoint timedOut, DistributionDataPoint duration) {}

  private final Counter started;
  private final Counter finished;
  private final Counter failed;
  private final Counter retried;
  private final Counter timedOut;
  private final Histogram duration;
  private final FuncLabels funcs = new FuncLabels();
  private final Map<String, Map<String, Meters>> byQueue = new ConcurrentHashMap<>();

  JobMetrics(PrometheusRegistry registry) {
    started = counter(registry, "myrq_jobs_started", "Attempts started (the job's body began)");
    finished = counter(registry, "myrq_jobs_finished", "Jobs that finished");
    failed = counter(registry, "myrq_jobs_failed", "Jobs failed with no retry left, or that could not run");
    retried = counter(registry, "myrq_jobs_retried", "Failed attempts scheduled to run again");
    timedOut = counter(registry, "myrq_jobs_timed_out", "Jobs that ran past their timeout");
    duration =
        Histogram.builder()
            .name("myrq_job_duration_seconds")
            .help("How long attempts ran, whatever their outcome")
            .labelNames("queue", "func")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .withoutExemplars()
            .register(registry);
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).labelNames("queue", "func").withoutExemplars().register(registry);
  }

  @Override
  public void jobStarted(String queue, String func) {
    meters(queue, func).started().inc();
  }

  @Override
  public void jobEnded(String queue, String func, Outcome outcome, long nanos) {
    Meters m = meters(queue, func);
    switch (outcome) {
      case FINISHED -> m.finished().inc();
      case FAILED -> m.failed().inc();
      case RETRY -> m.retried().inc();
      case TIMEOUT -> m.timedOut().inc();
      default -> {
        return; // a put-back is not an end
      }
    }
    if (nanos >= 0) {
      m.duration().observe(nanos / 1e9);
    }
  }

  private Meters meters(String queue, String func) {
    Map<String, Meters> q = byQueue.computeIfAbsent(queue, k -> new ConcurrentHashMap<>());
    Meters m = q.get(func);
    if (m == null) {
      m = q.computeIfAbsent(funcs.of(func), f -> create(queue, f));
    }
    return m;
  }

  private Meters create(String queue, String func) {
    return new Meters(
        started.labelValues(queue, func), finished.labelValues(queue, func), failed.labelValues(queue, func),
        retried.labelValues(queue, func), timedOut.labelValues(queue, func), duration.labelValues(queue, func));
  }
}
