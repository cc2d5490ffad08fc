package dev.myrq.worker;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this worker holds, per queue (job id to token): from fetch until the job's end is written to Redis.
 * The heartbeat renews exactly these, so a job whose end could not yet be written keeps its lease. A lease whose
 * end is on its way to Redis is marked sent: a renewal that finds it gone is then no news.
 */
final class HeldLeases {
  private final Map<String, Map<String, String>> byQueue = new ConcurrentHashMap<>();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();

  HeldLeases(List<String> queues) {
    for (String q : queues) {
      byQueue.put(q, new ConcurrentHashMap<>());
    }
  }

  void add(String queue, String id, String token) {
    byQueue.get(queue).put(id, token);
  }

  void remove(String queue, String id) {
    byQueue.get(queue).remove(id);
    sent.remove(id);
  }

  /** The job's end has been sent to Redis (its reply may still be on the way). */
  void markSent(String id) {
    sent.add(id);
  }

  boolean holds(String queue, String id) {
    return byQueue.get(queue).containsKey(id);
  }

  boolean isSent(String id) {
    return sent.contains(id);
  }

  /** A snapshot of one queue's leases. */
  Map<String, String> of(String queue) {
    return Map.copyOf(byQueue.get(queue));
  }

  /** Every held job id, for the heartbeat record. */
  List<String> ids() {
    return byQueue.values().stream().flatMap(m -> m.keySet().stream()).sorted().toList();
  }

  boolean isEmpty() {
    return byQueue.values().stream().allMatch(Map::isEmpty);
  }
}
