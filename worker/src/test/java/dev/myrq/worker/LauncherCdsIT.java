package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' class-data-sharing archive: made in the background by the first run, used by the next, and
 * never a reason for a launch to fail or to print anything more (a broken archive is skipped); the worker's
 * training run is a whole worker's life against a Redis of its own, the CLI's an enqueue and a status against one.
 */
class LauncherCdsIT {
  private static final Path MYRQ = Path.of("../scripts/myrq");
  private static final Path WORKER = Path.of("../scripts/myrq-worker");

  @TempDir Path cacheDir;

  @Test
  void cli_makes_an_archive_uses_it_and_survives_a_broken_one() throws Exception {
    Result first = run(MYRQ, "--redis", "redis://127.0.0.1:1", "status", "some-id");
    assertEquals(4, first.code, first.err);
    assertEquals("", first.out);
    Path archive = awaitArchive("myrq.jar-");
    Result second = run(MYRQ, "--redis", "redis://127.0.0.1:1", "status", "some-id");
    assertEquals(first.code, second.code, second.err);
    assertEquals("", second.out);
    assertEquals(first.err, second.err);

    Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
    Result broken = run(MYRQ, "--version");
    assertEquals(0, broken.code, broken.err);
    assertEquals("", broken.err);
    assertTrue(broken.out.startsWith("myrq "), broken.out);
  }

  @Test
  void worker_makes_an_archive_and_still_starts_with_a_broken_one() throws Exception {
    Result first = run(WORKER, "--version");
    assertEquals(0, first.code, first.err);
    Path archive = awaitArchive("myrq-worker.jar-");
    Files.write(archive, new byte[] {1, 2, 3});
    Result broken = run(WORKER, "--version");
    assertEquals(0, broken.code, broken.err);
    assertEquals(first.out, broken.out);
  }

  @Test
  void the_worker_archive_training_is_a_whole_worker_against_its_own_redis() throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        Processes.WORKER_JAR.toAbsolutePath().toString(), "dev.myrq.worker.CdsTraining");
    Result r = exec(cmd, Map.of());
    assertEquals(0, r.code, r.out + r.err);
    assertTrue(r.out.contains("Worker cds-training started"), r.out);
    assertEquals(2, r.out.split("Job dev.myrq.training.Noop.run finished", -1).length - 1, "two jobs ran: " + r.out);
    assertTrue(r.out.contains("Worker cds-training stopped"), r.out);
  }

  @Test
  void the_cli_archive_training_enqueues_and_asks_status_against_its_own_redis() throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        Processes.CLI_JAR.toAbsolutePath().toString(), "dev.myrq.cli.CdsTraining");
    Result r = exec(cmd, Map.of());
    assertEquals(0, r.code, r.out + r.err);
    assertEquals("", r.out + r.err);
  }

  private Path awaitArchive(String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(cacheDir)) {
        List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix))
            .filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        if (!found.isEmpty()) {
          return found.get(0);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + prefix + "*.jsa in " + cacheDir + " within 120 s");
  }

  private record Result(int code, String out, String err) {}

  private Result run(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    return exec(cmd, Map.of("MYRQ_CDS_DIR", cacheDir.toString(),
        "MYRQ_CLI_JAR", Processes.CLI_JAR.toAbsolutePath().toString(),
        "MYRQ_WORKER_JAR", Processes.WORKER_JAR.toAbsolutePath().toString()));
  }

  private Result exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    b.environment().putAll(env);
    Process p = b.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not exit within 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
