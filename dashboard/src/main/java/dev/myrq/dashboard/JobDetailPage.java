package dev.myrq.dashboard;

import dev.myrq.core.Job;
import dev.myrq.core.MyrqClient;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /jobs/{id}}: one job with its args, result, error, stack trace and earlier attempts. */
final class JobDetailPage {
  private final MyrqClient client;
  private final Views views;

  JobDetailPage(MyrqClient client, Views views) {
    this.client = client;
    this.views = views;
  }

  void show(Context ctx) {
    Job job = client.job(ctx.pathParam("id"));
    String title = "Job " + job.id();
    // a job that may still move is watched live; an ended one stays still for reading its stack trace
    Frame frame = job.status().isTerminal() ? views.still(ctx, title, "queues") : views.live(ctx, title, "queues");
    views.render(ctx, "job.jte", Map.of("frame", frame, "job", job, "attempts", Attempt.of(job.history())));
  }
}
