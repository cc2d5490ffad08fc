package dev.myrq.dashboard;

import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueNotFoundException;
import dev.myrq.core.RedisUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's web server: wires the pages and actions to their paths and serves them until closed. Reads and
 * acts through the {@link MyrqClient} it is given, which the caller owns and closes.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  private final Javalin app;

  private DashboardServer(Javalin app) {
    this.app = app;
  }

  /** Start serving; returns once the port is bound. */
  public static DashboardServer start(MyrqClient client, DashboardConfig config) {
    Csrf csrf = new Csrf();
    Views views = new Views(csrf, config.refreshSeconds());
    Guard guard = new Guard(config.auth());
    QueuesPage queues = new QueuesPage(client, views);
    WorkersPage workers = new WorkersPage(client, views);
    JobsPage jobs = new JobsPage(client, views);
    JobDetailPage job = new JobDetailPage(client, views);
    Actions actions = new Actions(client, csrf, views);
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.startup.showOldJavalinVersionWarning = false;
      c.jetty.host = config.listen().host();
      c.jetty.port = config.listen().port();
      c.staticFiles.add(s -> {
        s.hostedPath = "/static";
        s.directory = "/dev/myrq/dashboard/static";
        s.location = Location.CLASSPATH;
      });
      c.routes.before(guard::check);
      c.routes.get("/", ctx -> ctx.redirect("/queues"));
      c.routes.get("/queues", queues::show);
      c.routes.get("/workers", workers::show);
      c.routes.get("/queues/{queue}/{state}", jobs::show);
      c.routes.get("/jobs/{id}", job::show);
      c.routes.post("/jobs/{id}/requeue", actions::requeue);
      c.routes.post("/jobs/{id}/cancel", actions::cancel);
      c.routes.post("/jobs/{id}/delete", actions::delete);
      c.routes.post("/queues/{queue}/requeue-failed", actions::requeueFailed);
      c.routes.post("/queues/{queue}/pause", actions::pause);
      c.routes.post("/queues/{queue}/resume", actions::resume);
      c.routes.exception(JobNotFoundException.class,
          (e, ctx) -> views.problem(ctx, 404, "Not found", e.getMessage()));
      c.routes.exception(QueueNotFoundException.class,
          (e, ctx) -> views.problem(ctx, 404, "Not found", e.getMessage()));
      c.routes.exception(RedisUnavailableException.class,
          (e, ctx) -> views.problem(ctx, 503, "Redis unavailable", e.getMessage() + "; this page retries by reloading."));
    });
    app.start();
    LOG.info("Dashboard listening on http://{}:{}/ ({})", config.listen().host(), app.port(),
        config.auth() == null ? "no auth" : "auth required");
    return new DashboardServer(app);
  }

  /** The port it listens on (the chosen one when the config said 0). */
  public int port() {
    return app.port();
  }

  /** Stop serving; running requests finish first. */
  @Override
  public void close() {
    app.stop();
  }
}
