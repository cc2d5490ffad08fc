package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design card's lines, as a new user types them: one install step (scripts/install.sh, for a user, into a
 * temporary HOME), then {@code myrq enqueue com.acme.Task.run hello}, {@code java -jar myrq-worker.jar --queue
 * default} and {@code myrq status ID}, each as its own process.
 */
@ExtendWith(RedisExtension.class)
class InstallIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  record Run(int exit, String out, String err) {}

  @Test
  void the_cards_lines_work_as_written_after_the_install_step(TestRedis redis, @TempDir Path home, @TempDir Path cwd)
      throws Exception {
    Map<String, String> env = Map.of("HOME", home.toString(), "MYRQ_REDIS_URL", redis.url(),
        "PATH", home.resolve(".local/bin") + ":" + System.getenv("PATH"), "XDG_DATA_HOME", "");
    Run install = run(env, cwd, 300, "bash", REPO.resolve("scripts/install.sh").toString(), "--user");
    assertEquals(0, install.exit(), install.out() + install.err());
    Path installed = home.resolve(".local/share/myrq");
    assertTrue(Files.isSymbolicLink(home.resolve(".local/bin/myrq")));
    assertTrue(Files.isRegularFile(installed.resolve("jobs/myrq-jobs-example.jar")));
    String completion = Files.readString(home.resolve(".local/share/bash-completion/completions/myrq"));
    assertTrue(completion.contains("complete -F") && completion.contains("enqueue"), "bash completion for myrq");
    assertTrue(Files.exists(home.resolve(".local/share/bash-completion/completions/myrq-worker")));

    Run enqueue = run(env, cwd, 60, "myrq", "enqueue", "com.acme.Task.run", "hello");
    assertEquals(0, enqueue.exit(), enqueue.err());
    String id = enqueue.out().strip();
    Run worker = run(env, cwd, 120, Processes.java(), "-jar", installed.resolve("lib/myrq-worker.jar").toString(),
        "--queue", "default", "--burst");
    assertEquals(0, worker.exit(), worker.out() + worker.err());
    Run status = run(env, cwd, 60, "myrq", "status", id);
    assertEquals("finished\n", status.out(), status.err());
    assertEquals("\"HELLO\"\n", run(env, cwd, 60, "myrq", "wait", id).out());
    assertEquals("myrq-worker 0.1.0\n", run(env, cwd, 60, "myrq-worker", "--version").out());

    Run uninstall =
        run(env, cwd, 60, "bash", REPO.resolve("scripts/install.sh").toString(), "--user", "--uninstall");
    assertEquals(0, uninstall.exit(), uninstall.err());
    assertTrue(!Files.exists(home.resolve(".local/bin/myrq")));
  }

  @Test
  void a_worker_with_no_jobs_directory_says_where_it_looked_in_one_line(@TempDir Path lib, @TempDir Path cwd)
      throws Exception {
    Path jar = lib.resolve("myrq-worker.jar");
    Files.copy(Processes.WORKER_JAR, jar);
    Run run = run(Map.of(), cwd, 60, Processes.java(), "-jar", jar.toString(), "--queue", "default");
    assertEquals(2, run.exit());
    assertEquals(
        "myrq-worker: no jobs directory: looked in jobs, " + lib.resolveSibling("jobs") + ", /opt/myrq/jobs "
            + "(and $MYRQ_JOBS_DIR, unset); give --jobs-dir DIR or set MYRQ_JOBS_DIR, or run scripts/install.sh\n",
        run.err());
  }

  private static Run run(Map<String, String> env, Path cwd, long maxSeconds, String... cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("myrq-install", ".out");
    Path err = Files.createTempFile("myrq-install", ".err");
    // through env(1), so that a command is looked up on the PATH given here, as a shell would
    List<String> command = new ArrayList<>(List.of("env"));
    command.addAll(List.of(cmd));
    ProcessBuilder b = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    b.environment().remove("MYRQ_JOBS_DIR");
    b.environment().remove("MYRQ_CLI_JAR");
    b.environment().remove("MYRQ_WORKER_JAR");
    b.environment().putAll(env);
    Process p = b.start();
    if (!p.waitFor(maxSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not exit within " + maxSeconds + " s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
