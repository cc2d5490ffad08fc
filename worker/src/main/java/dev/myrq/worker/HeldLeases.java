package dev.myrq.worker;

import dev.myrq.core.Lease;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this worker holds, per queue: from fetch until the attempt's end is written to Redis. An attempt is
 * named by its lease token (unique per attempt), never by the job id alone: after a stall the same worker can
 * hold a new attempt of a job whose old attempt is still running, and the old attempt's end must not touch the
 * new one. The heartbeat renews exactly these, so a job whose end could not yet be written keeps its lease. A lease
 * whose end is on its way to Redis is marked sent: a renewal that finds it gone is then no news.
 */
final class HeldLeases {
  private final Map<String, Map<String, Lease>> byQueue = new ConcurrentHashMap<>();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();

  HeldLeases(List<String> queues) {
    for (String q : queues) {
      byQueue.put(q, new ConcurrentHashMap<>());
    }
  }

  void add(String queue, String id, String token) {
    byQueue.get(queue).put(token, new Lease(id, token));
  }

  /** Forget one attempt's lease; other attempts of the same job are left alone. */
  void remove(String queue, String token) {
    byQueue.get(queue).remove(token);
    sent.remove(token);
  }

  /** The attempt's end has been sent to Redis (its reply may still be on the way). */
  void markSent(String token) {
    sent.add(token);
  }

  boolean holds(String queue, String token) {
    return byQueue.get(queue).containsKey(token);
  }

  boolean isSent(String token) {
    return sent.contains(token);
  }

  /** A snapshot of one queue's leases. */
  List<Lease> of(String queue) {
    return List.copyOf(byQueue.get(queue).values());
  }

  /** The id of the job a held token leases, or null. */
  String idOf(String queue, String token) {
    Lease l = byQueue.get(queue).get(token);
    return l == null ? null : l.id();
  }

  /** Every held job id, for the heartbeat record. */
  List<String> ids() {
    return byQueue.values().stream().flatMap(m -> m.values().stream()).map(Lease::id).distinct().sorted().toList();
  }

  boolean isEmpty() {
    return byQueue.values().stream().allMatch(Map::isEmpty);
  }
}
