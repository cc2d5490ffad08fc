package dev.myrq.worker;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.DoubleSupplier;

/**
 * The worker's own state as metrics, read from its parts when Prometheus scrapes: running jobs, slots, stuck
 * threads, lease renewals and losses, stale writes, Redis outages. Nothing is counted twice: each part keeps the
 * counter it already needs, and this class only reads it.
 */
final class WorkerMetrics {
  /** Where each figure comes from. */
  record Sources(
      DoubleSupplier running,
      DoubleSupplier concurrency,
      DoubleSupplier stuckThreads,
      DoubleSupplier leaseRenewals,
      DoubleSupplier leasesLost,
      DoubleSupplier staleWrites,
      DoubleSupplier redisOutages,
      DoubleSupplier redisUp) {}

  private WorkerMetrics() {}

  static void register(PrometheusRegistry registry, Sources s) {
    gauge(registry, "myrq_jobs_running", "Jobs running in this worker now", s.running());
    gauge(registry, "myrq_worker_concurrency", "Jobs this worker runs at once at most (--concurrency)", s.concurrency());
    gauge(registry, "myrq_stuck_threads", "Job threads abandoned because they ignored their interrupt", s.stuckThreads());
    counter(registry, "myrq_lease_renewals", "Leases of running jobs renewed", s.leaseRenewals());
    counter(registry, "myrq_leases_lost", "Leases found lost at renewal (the worker stalled past them)", s.leasesLost());
    counter(registry, "myrq_stale_writes", "Job ends refused because this worker no longer held the lease", s.staleWrites());
    counter(registry, "myrq_redis_outages", "Times Redis stopped answering this worker", s.redisOutages());
    gauge(registry, "myrq_redis_up", "1 while every loop of this worker reaches Redis, else 0", s.redisUp());
  }

  private static void gauge(PrometheusRegistry registry, String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }

  private static void counter(PrometheusRegistry registry, String name, String help, DoubleSupplier value) {
    CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }
}
