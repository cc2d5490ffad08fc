package dev.myrq.dashboard;

import dev.myrq.core.Job;
import dev.myrq.core.JobRunningException;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * The POST actions. Each checks the CSRF token first, acts through core's API, then redirects (303) to the page
 * that shows the outcome, with a {@code done} word the page turns into a notice.
 */
final class Actions {
  private final MyrqClient client;
  private final Csrf csrf;
  private final Views views;

  Actions(MyrqClient client, Csrf csrf, Views views) {
    this.client = client;
    this.csrf = csrf;
    this.views = views;
  }

  /** {@code POST /jobs/{id}/requeue}: put a failed job back in its queue as new. */
  void requeue(Context ctx) {
    if (refused(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    boolean done = !client.requeue(List.of(id)).isEmpty();
    back(ctx, "/jobs/" + Format.segment(id), done ? "requeued" : "not-failed");
  }

  /** {@code POST /queues/{queue}/requeue-failed}: requeue every failed job of a queue. */
  void requeueFailed(Context ctx) {
    if (refused(ctx)) {
      return;
    }
    String queue = ctx.pathParam("queue");
    client.requeueAll(queue);
    back(ctx, "/queues/" + Format.segment(queue) + "/queued", "requeued-all");
  }

  /** {@code POST /jobs/{id}/cancel}: a waiting job never runs, a running one is interrupted. */
  void cancel(Context ctx) {
    if (refused(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    JobStatus before = client.cancel(id);
    back(ctx, "/jobs/" + Format.segment(id), before.isTerminal() ? "already-ended" : "canceled");
  }

  /** {@code POST /jobs/{id}/delete}: remove a job that is not running; back to its queue's list. */
  void delete(Context ctx) {
    if (refused(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    Job job = client.job(id);
    try {
      client.delete(id);
    } catch (JobRunningException e) {
      back(ctx, "/jobs/" + Format.segment(id), "running");
      return;
    }
    back(ctx, "/queues/" + Format.segment(job.queue()) + "/" + JobList.listOf(job.status()).word(), "deleted");
  }

  /** {@code POST /queues/{queue}/pause}: workers lease nothing more from the queue until it is resumed. */
  void pause(Context ctx) {
    if (refused(ctx)) {
      return;
    }
    String queue = ctx.pathParam("queue");
    client.pause(queue);
    back(ctx, "/queues/" + Format.segment(queue) + "/queued", "paused");
  }

  /** {@code POST /queues/{queue}/resume}: workers lease from the queue again. */
  void resume(Context ctx) {
    if (refused(ctx)) {
      return;
    }
    String queue = ctx.pathParam("queue");
    client.resume(queue);
    back(ctx, "/queues/" + Format.segment(queue) + "/queued", "resumed");
  }

  private boolean refused(Context ctx) {
    String why = csrf.refusal(ctx);
    if (why != null) {
      views.problem(ctx, 403, "Refused", "Action refused: " + why + ".");
    }
    return why != null;
  }

  private static void back(Context ctx, String path, String done) {
    ctx.redirect(path + "?done=" + done, HttpStatus.SEE_OTHER);
  }
}
