package dev.myrq.core.storage;

import dev.myrq.core.Broker;
import dev.myrq.core.ControlListener;
import dev.myrq.core.Fetched;
import dev.myrq.core.JobEnding;
import dev.myrq.core.Lease;
import dev.myrq.core.QueueWatch;
import dev.myrq.core.Reaped;
import dev.myrq.core.WorkerInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@link Broker} on one Redis: {@link LeaseStore} and {@link WorkerRegistry}, with failures translated. */
final class RedisBroker implements Broker {
  private final RedisConnector connector;
  private final LeaseStore leases;
  private final ReplicaWait durable;
  private final WorkerRegistry registry;
  private final Keys keys;

  RedisBroker(
      RedisConnector connector, LeaseStore leases, ReplicaWait durable, WorkerRegistry registry, Keys keys) {
    this.connector = connector;
    this.keys = keys;
    this.leases = leases;
    this.durable = durable;
    this.registry = registry;
  }

  @Override
  public Fetched fetch(String queue, int max, String worker, String tokenPrefix, Duration lease) {
    return connector.call(() -> leases.fetch(queue, max, worker, tokenPrefix, lease));
  }

  @Override
  public QueueWatch watch(List<String> queues, Duration block) {
    return new RedisQueueWatch(connector, leases, queues, block);
  }

  @Override
  public CompletableFuture<List<String>> complete(String queue, List<JobEnding> endings) {
    return translated(connector, connector.call(() -> durable.confirmedAsync(
        queue, endings.size(), () -> leases.complete(durable.connection(), queue, endings))));
  }

  @Override
  public List<String> renew(String queue, Collection<Lease> held, Duration lease) {
    return connector.call(() -> leases.renew(queue, held, lease));
  }

  @Override
  public Reaped reap(String queue, int maxCrashes, int limit) {
    return connector.call(() -> leases.reap(queue, maxCrashes, limit));
  }

  @Override
  public long promote(String queue, int limit) {
    return connector.call(() -> leases.promote(queue, limit));
  }

  @Override
  public void heartbeat(WorkerInfo worker, Duration ttl) {
    connector.call(() -> {
      registry.beat(worker, ttl);
      return null;
    });
  }

  @Override
  public void registerQueues(Collection<String> queues) {
    connector.call(() -> {
      registry.registerQueues(queues);
      return null;
    });
  }

  @Override
  public AutoCloseable listenForControl(List<String> queues, ControlListener listener) {
    return connector.call(() -> new ControlChannel(connector.connectPubSub(), keys, queues, listener));
  }

  @Override
  public void deregister(String workerName) {
    connector.call(() -> {
      registry.remove(workerName);
      return null;
    });
  }


  /** The same future, failing with a translated exception; on success no extra thread hop. */
  static <T> CompletableFuture<T> translated(RedisConnector connector, CompletableFuture<T> f) {
    return f.exceptionallyCompose(e -> CompletableFuture.failedFuture(connector.translate(e)));
  }
}
