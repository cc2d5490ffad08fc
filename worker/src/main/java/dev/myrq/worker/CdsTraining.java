package dev.myrq.worker;

import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * The run the worker launcher makes its class-data-sharing archive with ({@code -XX:ArchiveClassesAtExit}): a whole
 * worker's life against a private embedded Redis on a free port, so that the archive holds the classes of a real
 * start (connecting, the scripts, the first fetch, the blocking wait, a job's end, the housekeeping) and not only
 * those of a start that finds no Redis. Two jobs of a class no jar holds are enqueued (they fail at once, through
 * the same runner and completer as any job), the first before the wait and the second into it; then the worker is
 * stopped as SIGTERM stops it. Args: the jobs directory. Exit code: the worker's (0 when all went as planned).
 */
public final class CdsTraining {
  private static final long WAIT_MS = 30_000;

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("myrq-cds-training");
    // the worker ends the JVM itself (System.exit with its code): the data directory goes in a shutdown hook
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(data)));
    int port = freePort();
    String url = "redis://127.0.0.1:" + port;
    Thread trainer = new Thread(() -> train(url), "myrq-cds-trainer");
    trainer.setDaemon(true);
    trainer.start();
    WorkerMain.main(new String[] {"--embedded-redis", "--redis", url, "--data-dir", data.toString(),
        "--jobs-dir", args[0], "--name", "cds-training", "--grace", "1s"});
  }

  /** Enqueue a job, let it end, enqueue one into the blocking wait, let it end, then stop the worker. */
  private static void train(String url) {
    try {
      try (MyrqClient client = connect(url)) {
        awaitEnd(client, client.enqueue(JobRequest.of("dev.myrq.training.None.run")));
        Thread.sleep(300);
        awaitEnd(client, client.enqueue(JobRequest.of("dev.myrq.training.None.run")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      System.err.println("cds training: " + e);
    }
    Signal.raise(new Signal("TERM"));
  }

  private static MyrqClient connect(String url) throws InterruptedException {
    long end = System.currentTimeMillis() + WAIT_MS;
    while (true) {
      try {
        return MyrqClient.connect(url);
      } catch (MyrqException e) {
        if (System.currentTimeMillis() > end) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static void awaitEnd(MyrqClient client, String id) throws InterruptedException {
    long end = System.currentTimeMillis() + WAIT_MS;
    while (!client.status(id).isTerminal() && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("cds training: " + dir + " not removed: " + e);
    }
  }
}
