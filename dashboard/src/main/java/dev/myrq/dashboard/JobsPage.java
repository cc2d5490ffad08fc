package dev.myrq.dashboard;

import dev.myrq.core.JobPage;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /queues/{queue}/{state}?page=N}: one page of a queue's jobs in one state. */
final class JobsPage {
  static final int PAGE_SIZE = 50;
  /** Deeper pages cost Redis more for a list (LRANGE walks to the offset); nobody reads page 20,000. */
  static final int MAX_PAGE = 20_000;

  private final MyrqClient client;
  private final Views views;

  JobsPage(MyrqClient client, Views views) {
    this.client = client;
    this.views = views;
  }

  void show(Context ctx) {
    String queue = ctx.pathParam("queue");
    JobStatus state = state(ctx.pathParam("state"));
    QueueInfo info = client.queues().stream().filter(q -> q.name().equals(queue)).findFirst().orElse(null);
    if (state == null || info == null) {
      views.problem(ctx, 404, "Not found", "No queue '" + queue + "' with a state '" + ctx.pathParam("state")
          + "'. States are queued, scheduled, started, failed and finished.");
      return;
    }
    int number = pageNumber(ctx.queryParam("page"));
    JobPage page = client.jobs(queue, state, (number - 1) * PAGE_SIZE, PAGE_SIZE);
    JobList list = new JobList(info, page, number, PAGE_SIZE);
    views.render(ctx, "jobs.jte",
        Map.of("frame", views.live(ctx, queue + " · " + state.word(), "queues"), "list", list));
  }

  private static JobStatus state(String word) {
    try {
      JobStatus s = JobStatus.fromWord(word);
      return JobList.STATES.contains(s) ? s : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int pageNumber(String s) {
    try {
      return s == null ? 1 : Math.min(MAX_PAGE, Math.max(1, Integer.parseInt(s)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
