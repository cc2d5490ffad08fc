package dev.myrq.worker;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.WorkerInfo;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every queue's state in Redis as metrics, read when Prometheus scrapes: depth, the wait of the oldest job, the
 * finished and failed totals, and the live workers serving it. One read per scrape serves every gauge (kept for a
 * second). Every queue is shown, not only this worker's, so a queue that no worker serves still raises alerts.
 * When Redis does not answer, the queue metrics are left out of that scrape; the worker's own stay.
 */
final class QueueMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

  /** One read of every queue. */
  record Snapshot(List<QueueInfo> queues, Map<String, Duration> oldestWait, Map<String, Integer> workers) {
    static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of());
  }

  private final MyrqClient client;
  private Snapshot last = Snapshot.EMPTY;
  private long readAt;

  private QueueMetrics(MyrqClient client) {
    this.client = client;
  }

  static void register(PrometheusRegistry registry, MyrqClient client) {
    QueueMetrics q = new QueueMetrics(client);
    q.gauge(registry, "myrq_queue_depth", "Jobs waiting in the queue",
        (s, cb) -> s.queues().forEach(i -> cb.call(i.queued(), i.name())));
    q.gauge(registry, "myrq_queue_oldest_job_age_seconds",
        "How long the oldest waiting job has waited (0 when none waits)",
        (s, cb) -> s.queues().forEach(
            i -> cb.call(s.oldestWait().getOrDefault(i.name(), Duration.ZERO).toMillis() / 1000.0, i.name())));
    q.gauge(registry, "myrq_queue_scheduled", "Jobs waiting for a time (delayed, or a retry in backoff)",
        (s, cb) -> s.queues().forEach(i -> cb.call(i.scheduled(), i.name())));
    q.counter(registry, "myrq_queue_finished", "Jobs that ever finished in the queue, by any worker",
        (s, cb) -> s.queues().forEach(i -> cb.call(i.finishedTotal(), i.name())));
    q.counter(registry, "myrq_queue_failed", "Jobs that ever failed or timed out in the queue, by any worker",
        (s, cb) -> s.queues().forEach(i -> cb.call(i.failedTotal(), i.name())));
    q.gauge(registry, "myrq_queue_workers", "Live workers serving the queue (by their heartbeats)",
        (s, cb) -> s.queues().forEach(i -> cb.call(s.workers().getOrDefault(i.name(), 0), i.name())));
  }

  /** One value of a queue. */
  private interface Point {
    void call(double value, String queue);
  }

  /** The values of one metric from a snapshot. */
  private interface Emit {
    void emit(Snapshot s, Point point);
  }

  private void gauge(PrometheusRegistry registry, String name, String help, Emit emit) {
    GaugeWithCallback.builder().name(name).help(help).labelNames("queue")
        .callback(cb -> emit.emit(snapshot(), (v, q) -> cb.call(v, q))).register(registry);
  }

  private void counter(PrometheusRegistry registry, String name, String help, Emit emit) {
    CounterWithCallback.builder().name(name).help(help).labelNames("queue")
        .callback(cb -> emit.emit(snapshot(), (v, q) -> cb.call(v, q))).register(registry);
  }

  private synchronized Snapshot snapshot() {
    if (System.nanoTime() - readAt < FRESH_NANOS) {
      return last;
    }
    try {
      last = read();
    } catch (RuntimeException e) {
      LOG.debug("Queue metrics left out of this scrape: {}", e.toString());
      last = Snapshot.EMPTY;
    }
    readAt = System.nanoTime();
    return last;
  }

  private Snapshot read() {
    List<QueueInfo> queues = client.queues();
    Map<String, Duration> oldest = new TreeMap<>();
    for (QueueInfo q : queues) {
      if (q.queued() > 0) {
        client.oldestWait(q.name()).ifPresent(d -> oldest.put(q.name(), d));
      }
    }
    Map<String, Integer> workers = new TreeMap<>();
    for (WorkerInfo w : client.workers()) {
      w.queues().forEach(q -> workers.merge(q, 1, Integer::sum));
    }
    return new Snapshot(queues, oldest, workers);
  }
}
