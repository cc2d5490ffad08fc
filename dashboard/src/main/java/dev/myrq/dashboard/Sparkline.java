package dev.myrq.dashboard;

import dev.myrq.core.Throughput;
import java.util.Locale;

/**
 * A throughput sparkline drawn as inline SVG polylines (no script, no external asset): finished and failed jobs
 * per bucket, scaled to the busiest bucket.
 *
 * @param finishedPoints SVG polyline points of finished jobs
 * @param failedPoints SVG polyline points of failed jobs
 * @param title what the line shows, for the tooltip and screen readers
 */
public record Sparkline(int width, int height, String finishedPoints, String failedPoints, String title) {
  public static final int WIDTH = 180;
  public static final int HEIGHT = 28;

  /** Draw this throughput. */
  public static Sparkline of(Throughput t) {
    long max = 1;
    for (int i = 0; i < t.finished().length; i++) {
      max = Math.max(max, Math.max(t.finished()[i], t.failed()[i]));
    }
    long minutes = t.bucket().toMinutes() * t.finished().length;
    long peak = max;
    String title = String.format(Locale.ROOT, "%,d jobs ended in the last %d minutes (busiest %s: %,d)",
        t.total(), minutes, t.bucket().toMinutes() == 1 ? "minute" : "bucket", peak);
    return new Sparkline(WIDTH, HEIGHT, points(t.finished(), max), points(t.failed(), max), title);
  }

  private static String points(long[] values, long max) {
    StringBuilder s = new StringBuilder();
    double step = values.length > 1 ? (double) (WIDTH - 2) / (values.length - 1) : 0;
    for (int i = 0; i < values.length; i++) {
      double x = 1 + i * step;
      double y = HEIGHT - 1 - (double) values[i] / max * (HEIGHT - 2);
      s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return s.toString().strip();
  }
}
