package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import dev.myrq.dashboard.DashboardConfig;
import dev.myrq.dashboard.DashboardServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code myrq dashboard}: serves the web dashboard until SIGTERM or SIGINT. The web server's classes load only
 * when this command runs, so the other commands start as fast as before.
 */
@Command(
    name = "dashboard",
    description = {
      "Serve the web dashboard: queues, workers, jobs by state, each job; requeue failed jobs.",
      "Listening off the loopback address needs --auth-file. Runs until SIGTERM or Ctrl-C."
    })
final class DashboardCommand extends ClientCommand {
  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9181",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); port 0 picks a free one.")
  String listen;

  @Option(names = "--auth-file", paramLabel = "FILE",
      description = "File whose first line is USER:PASSWORD (basic auth) or a token (Bearer, or basic auth"
          + " password with any user). Required off loopback.")
  Path authFile;

  private DashboardConfig config;

  @Override
  void prepare() {
    config = DashboardConfig.of(listen, authFile);
  }

  @Override
  int run(MyrqClient client) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    try (DashboardServer server = DashboardServer.start(client, config)) {
      out().println("myrq dashboard at http://" + hostForUrl() + ":" + server.port() + "/");
      out().flush();
      stop.await();
    }
    return ExitCodes.OK;
  }

  private String hostForUrl() {
    String h = config.listen().host();
    return h.contains(":") ? "[" + h + "]" : h;
  }
}
