package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.MyrqClient;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Serves the worker's metrics in the Prometheus text format at {@code http://ADDR:PORT/metrics}
 * (--metrics-listen): the job counters and durations ({@link JobMetrics}), the worker's state
 * ({@link WorkerMetrics}) and every queue's ({@link QueueMetrics}). Its HTTP threads are daemons; scrapes never
 * touch the job path.
 */
final class MetricsServer implements AutoCloseable {
  private final InetSocketAddress listen;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final JobMetrics jobs;
  private HTTPServer server;

  MetricsServer(InetSocketAddress listen, MyrqClient client, WorkerMetrics.Sources sources) {
    this.listen = listen;
    this.jobs = new JobMetrics(registry);
    WorkerMetrics.register(registry, sources);
    QueueMetrics.register(registry, client);
  }

  /** The hooks the job runner calls. */
  Metrics jobs() {
    return jobs;
  }

  /**
   * Start listening.
   *
   * @throws InvalidConfigException when the address cannot be bound (taken, or not this host's)
   */
  void start() {
    try {
      server =
          HTTPServer.builder()
              .inetAddress(listen.getAddress())
              .port(listen.getPort())
              .registry(registry)
              .buildAndStart();
    } catch (IOException e) {
      throw new InvalidConfigException(
          "--metrics-listen " + listen.getHostString() + ":" + listen.getPort() + " cannot be bound: " + e.getMessage());
    }
  }

  /** The port it listens on (the one chosen, for port 0). */
  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
