package dev.myrq.dashboard;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.WorkerInfo;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /workers}: the live workers and the jobs each one runs. */
final class WorkersPage {
  private final MyrqClient client;
  private final Views views;

  WorkersPage(MyrqClient client, Views views) {
    this.client = client;
    this.views = views;
  }

  void show(Context ctx) {
    List<WorkerRow> rows = new ArrayList<>();
    for (WorkerInfo w : client.workers()) {
      rows.add(new WorkerRow(w, client.runningJobs(w)));
    }
    views.render(ctx, "workers.jte", Map.of("frame", views.live(ctx, "Workers", "workers"), "rows", rows));
  }
}
