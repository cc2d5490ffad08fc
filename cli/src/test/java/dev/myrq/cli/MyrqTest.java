package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The top command: help, version, the Redis URL rule, and how errors come out. */
@ExtendWith(RedisExtension.class)
class MyrqTest {
  private static final String EXIT_CODES =
      "Exit codes:\n"
          + "  0   ok\n"
          + "  1   internal error (rerun with --verbose for the stack trace)\n"
          + "  2   bad input: unknown option, malformed value, invalid job or setting\n"
          + "  3   job or queue not found\n"
          + "  4   Redis unreachable or not answering in time\n"
          + "  5   waited-for job failed (enqueue --wait, wait)\n"
          + "  6   waited-for job ran past its timeout\n"
          + "  7   waited-for job was canceled\n"
          + "  8   --wait-timeout / --timeout passed before the job ended\n";

  @Test
  void help_of_every_command_lists_the_exit_codes() {
    for (String command : new String[] {
        "enqueue", "status", "inspect", "queues", "workers", "failed", "requeue", "cancel", "delete", "wait", "pause",
        "resume", "purge"}) {
      Cli.Run run = Cli.run(command, "--help");
      assertEquals(0, run.code());
      assertTrue(run.out().startsWith("Usage: myrq " + command), run.out());
      assertTrue(run.out().contains(EXIT_CODES), run.out());
    }
    assertTrue(Cli.run("--help").out().contains(EXIT_CODES));
  }

  @Test
  void version_prints_the_project_version() {
    Cli.Run run = Cli.run("--version");

    assertEquals(0, run.code());
    assertEquals("myrq 0.1.0\n", run.out());
  }

  @Test
  void no_command_is_a_usage_error() {
    Cli.Run run = Cli.run();

    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertEquals("myrq: missing command (enqueue, status, inspect, ...)\ntry 'myrq --help'\n", run.err());
  }

  @Test
  void redis_url_comes_from_the_environment_when_no_flag_gives_one(TestRedis redis) {
    Cli.Run run = Cli.run(Map.of("MYRQ_REDIS_URL", redis.url()), "", "enqueue", "com.acme.Task.noop");

    assertEquals(0, run.code(), run.err());
    assertEquals("queued\n", myrq(redis, "status", run.line()).out());
  }

  @Test
  void the_flag_wins_over_the_environment(TestRedis redis) {
    Cli.Run run =
        Cli.run(Map.of("MYRQ_REDIS_URL", "redis://127.0.0.1:1"), "", "--redis", redis.url(), "queues");

    assertEquals(0, run.code(), run.err());
  }

  @Test
  void unreachable_redis_exits_4_with_one_line_within_the_timeout() {
    int port = RedisExtension.freePort();
    long start = System.nanoTime();

    Cli.Run run = Cli.run("--redis", "redis://127.0.0.1:" + port, "status", "some-id");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(4, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("myrq: Redis at redis://127.0.0.1:" + port + " is unreachable: "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(took.compareTo(Myrq.REDIS_TIMEOUT.plusSeconds(1)) < 0, took.toString());
  }

  @Test
  void no_url_form_shows_its_password_in_errors_even_with_verbose() {
    int port = RedisExtension.freePort();
    for (String url : new String[] {"redis://s3cretPW@127.0.0.1:" + port, "redis://:s3cret/PW@127.0.0.1:" + port,
        "redis://u:s3cret%2FPW@127.0.0.1:" + port, "redis://:s3cretPW@127.0.0.1:" + port + "/notadb"}) {
      Cli.Run run = Cli.run("--verbose", "--redis", url, "queues");
      assertTrue(run.code() == 2 || run.code() == 4, url + ": " + run.err());
      assertFalse((run.out() + run.err()).contains("s3cret"), run.err());
    }
  }

  @Test
  void verbose_adds_the_stack_trace() {
    Cli.Run run = Cli.run("--verbose", "--redis", "redis://127.0.0.1:" + RedisExtension.freePort(), "queues");

    assertEquals(4, run.code());
    assertTrue(run.err().startsWith("myrq: Redis at "), run.err());
    assertTrue(run.err().contains("\tat "), run.err());
  }

  @Test
  void malformed_redis_url_is_bad_input() {
    Cli.Run run = Cli.run("--redis", "http://127.0.0.1:6379", "queues");

    assertEquals(2, run.code());
    assertEquals("myrq: Redis URL 'http://127.0.0.1:6379' must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://\n", run.err());
  }

  @Test
  void unreadable_password_or_ca_file_is_bad_input(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    Cli.Run password = Cli.run("--redis-password-file", missing.toString(), "queues");
    Cli.Run ca = Cli.run("--redis", "rediss://127.0.0.1:1", "--redis-ca", missing.toString(), "queues");

    assertEquals(2, password.code());
    assertTrue(password.err().startsWith("myrq: cannot read Redis password file "), password.err());
    assertEquals(2, ca.code());
    assertEquals("myrq: cannot read the Redis CA file " + missing + "\n", ca.err());
  }
}
