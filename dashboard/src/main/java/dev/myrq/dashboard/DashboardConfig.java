package dev.myrq.dashboard;

import dev.myrq.core.InvalidConfigException;
import java.nio.file.Path;

/**
 * What the dashboard runs with.
 *
 * @param auth who may use it; null for anyone who can reach the address (allowed on loopback only)
 * @param refreshSeconds how often the queues, workers and job list pages reload their content
 */
public record DashboardConfig(Listen listen, Auth auth, int refreshSeconds) {
  public static final int DEFAULT_REFRESH_SECONDS = 3;

  /**
   * Resolve the command's options: {@code --listen HOST:PORT} and an optional {@code --auth-file}.
   *
   * @throws InvalidConfigException when the address is malformed, the auth file unreadable, or the address is
   *     off loopback without an auth file
   */
  public static DashboardConfig of(String listen, Path authFile) {
    Listen l = Listen.parse(listen);
    Auth auth = authFile == null ? null : Auth.read(authFile);
    if (auth == null && !l.isLoopback()) {
      throw new InvalidConfigException("listening on " + l.host() + " (not a loopback address) needs"
          + " --auth-file FILE holding USER:PASSWORD or a token: the dashboard can requeue and delete jobs");
    }
    return new DashboardConfig(l, auth, DEFAULT_REFRESH_SECONDS);
  }
}
