package dev.myrq.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/**
 * Renders the precompiled templates into responses, and builds the frame every page shares (title, tab, form
 * token, the notice an action left, the refresh period).
 */
final class Views {
  /** What an action may report on the page it redirects to, by the {@code done} query value. */
  private static final Map<String, String> NOTICES = Map.of(
      "requeued", "Requeued: the job is back in its queue as new.",
      "requeued-all", "Requeued every failed job of this queue.",
      "not-failed", "Not requeued: the job is no longer failed (it may have been requeued already).",
      "canceled", "Canceled: the job will not run (a running one is interrupted within about a second).",
      "already-ended", "Not canceled: the job had already ended.",
      "deleted", "Deleted the job.",
      "running", "Not deleted: the job is running. Cancel it first.",
      "paused", "Paused: workers lease no job from this queue until it is resumed; running jobs go on.",
      "resumed", "Resumed: workers lease jobs from this queue again.");

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final Csrf csrf;
  private final int refreshSeconds;

  Views(Csrf csrf, int refreshSeconds) {
    this.csrf = csrf;
    this.refreshSeconds = refreshSeconds;
  }

  /** The frame of a page that reloads itself every few seconds. */
  Frame live(Context ctx, String title, String section) {
    return new Frame(title, section, csrf.token(ctx), notice(ctx), refreshSeconds, Instant.now());
  }

  /** The frame of a page that stays as it is (an ended job, a problem). */
  Frame still(Context ctx, String title, String section) {
    return new Frame(title, section, csrf.token(ctx), notice(ctx), 0, Instant.now());
  }

  private static String notice(Context ctx) {
    String done = ctx.queryParam("done");
    return done == null ? null : NOTICES.get(done);
  }

  /** Render a template with its parameters into the response, as HTML. */
  void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput(8192);
    engine.render(template, params, out);
    ctx.html(out.toString());
  }

  /** Answer with a status and a page saying what went wrong. */
  void problem(Context ctx, int status, String title, String message) {
    ctx.status(status);
    render(ctx, "problem.jte", Map.of("frame", still(ctx, title, ""), "message", message));
  }
}
