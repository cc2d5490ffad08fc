package dev.myrq.dashboard;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.Throughput;
import io.javalin.http.Context;
import java.time.Duration;
import dev.myrq.core.WorkerInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /queues}: every queue with its counts, the wait of its oldest job, a throughput sparkline and the live
 * workers serving it: the figures the worker's metrics give per queue.
 */
final class QueuesPage {
  /** The sparkline's buckets: one a minute over the last hour. */
  static final Duration BUCKET = Duration.ofMinutes(1);
  static final int BUCKETS = 60;

  private final MyrqClient client;
  private final Views views;

  QueuesPage(MyrqClient client, Views views) {
    this.client = client;
    this.views = views;
  }

  void show(Context ctx) {
    Map<String, Integer> served = new HashMap<>();
    for (WorkerInfo w : client.workers()) {
      w.queues().forEach(q -> served.merge(q, 1, Integer::sum));
    }
    List<QueueRow> rows = new ArrayList<>();
    for (QueueInfo q : client.queues()) {
      Throughput t = client.throughput(q.name(), BUCKET, BUCKETS);
      rows.add(new QueueRow(q, client.oldestWait(q.name()).orElse(null), Sparkline.of(t), t.total(),
          served.getOrDefault(q.name(), 0)));
    }
    views.render(ctx, "queues.jte", Map.of("frame", views.live(ctx, "Queues", "queues"), "rows", rows));
  }
}
