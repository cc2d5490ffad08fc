package dev.myrq.tools.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** The temporary directory and what lives in it: Redis data, the jobs dir, worker logs, the record file. */
record Stage(Path dir, RedisTarget redis, Fleet fleet, Path record, boolean keep, AtomicBoolean cleaned) {
  static Stage create(Path repo, boolean keep, boolean cluster) throws IOException {
    Path workerJar = repo.resolve("worker/target/myrq-worker.jar");
    Path exampleJar = repo.resolve("jobs-example/target/myrq-jobs-example.jar");
    // the run's job, Risky.sleepThenRecord, writes a file: a test job, in the tests jar only
    Path testJobsJar = repo.resolve("jobs-example/target/myrq-jobs-example-tests.jar");
    Path dir = Files.createTempDirectory("myrq-chaos-");
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    for (Path jar : new Path[] {exampleJar, testJobsJar}) {
      Files.copy(jar, jobs.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    RedisTarget redis = cluster ? new ClusterHost(redisDir) : new RedisHost(freePort(), redisDir);
    Fleet fleet = new Fleet(workerJar, jobs, Files.createDirectories(dir.resolve("logs")));
    return new Stage(dir, redis, fleet, dir.resolve("recorded.txt"), keep, new AtomicBoolean());
  }

  /** Kill the workers, stop Redis, delete the directory (unless kept); once, from the run or the shutdown hook. */
  void cleanUp() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    fleet.destroyAll();
    try {
      redis.stop();
    } catch (RuntimeException e) {
      System.err.println("chaos: stopping Redis: " + e.getMessage());
    }
    if (keep) {
      System.err.println("chaos: kept " + dir);
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("chaos: could not remove " + dir + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
