package dev.myrq.worker;

import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import dev.myrq.training.Noop;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * The run the worker launcher makes its class-data-sharing archive with ({@code -XX:ArchiveClassesAtExit}): a whole
 * worker's life against a private embedded Redis on a free port, so that the archive holds the classes of a real
 * start (connecting, the scripts, the first fetch, the blocking wait, jobs that run and finish, the housekeeping)
 * and not only those of a start that finds no Redis. Two jobs of {@link Noop}, which the training copies into a
 * jobs jar of its own, are enqueued: the first before the wait, without arguments, and the second into it, with a
 * number. A worker's first job then finds its path (argument binding, invocation, its lambdas and method-handle
 * forms, the end line) in the archive: without it, about two dozen classes were made or read on the way from the
 * first fetch to the first end. Then the worker is stopped as SIGTERM stops it. Args: none. Exit code: the
 * worker's (0 when all went as planned).
 */
public final class CdsTraining {
  private static final long WAIT_MS = 30_000;
  private static final String JOB = Noop.class.getName() + ".run";

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("myrq-cds-training");
    // the worker ends the JVM itself (System.exit with its code): the data directory goes in a shutdown hook
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(data)));
    Path jobs = Files.createDirectory(data.resolve("jobs"));
    writeJobsJar(jobs.resolve("training.jar"));
    int port = freePort();
    String url = "redis://127.0.0.1:" + port;
    Thread trainer = new Thread(() -> train(url), "myrq-cds-trainer");
    trainer.setDaemon(true);
    trainer.start();
    WorkerMain.main(new String[] {"--embedded-redis", "--redis", url, "--data-dir", data.toString(),
        "--jobs-dir", jobs.toString(), "--name", "cds-training", "--grace", "1s"});
  }

  /** A jar holding {@link Noop}'s class file, as a jobs jar holds job classes. */
  private static void writeJobsJar(Path jar) throws IOException {
    String entry = Noop.class.getName().replace('.', '/') + ".class";
    try (InputStream in = CdsTraining.class.getResourceAsStream("/" + entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (in == null) {
        throw new IOException(entry + " not found beside " + CdsTraining.class.getName());
      }
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  /** Enqueue a job, let it end, enqueue one into the blocking wait, let it end, then stop the worker. */
  private static void train(String url) {
    try {
      try (MyrqClient client = connect(url)) {
        awaitEnd(client, client.enqueue(JobRequest.of(JOB)));
        Thread.sleep(300);
        awaitEnd(client, client.enqueue(JobRequest.of(JOB, 0.5)));
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
