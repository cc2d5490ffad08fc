package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** Every count, duration and size option has a documented range; out of it: exit 2 and one line. */
@ExtendWith(RedisExtension.class)
class WorkerOptionsTest {

  @Test
  void values_out_of_range_exit_2_with_one_line_naming_the_option(TestRedis redis) {
    String[][] bad = {
      {"--failed-max", "0"}, {"--timeout", "0"}, {"--max-crashes", "0"}, {"--concurrency", "0"},
      {"--concurrency", "10001"}, {"--lease", "1s"}, {"--grace", "2h"}, {"--retries", "101"},
      {"--backoff", "2h"}, {"--result-ttl", "0"}, {"--failed-ttl", "400d"}, {"--max-stuck", "-1"},
      {"--max-result-size", "10"}, {"--max-result-size", "1gb"}
    };
    for (String[] option : bad) {
      List<String> args = new ArrayList<>(List.of("--redis", redis.url(), "--jobs-dir",
          RunningWorker.jobsDir().toString()));
      args.addAll(List.of(option));
      StringWriter err = new StringWriter();
      CommandLine cl = WorkerMain.commandLine();
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args.toArray(new String[0]));
      String e = err.toString().trim();
      assertEquals(2, code, String.join(" ", option) + ": " + e);
      assertTrue(e.startsWith("myrq-worker: " + option[0] + " must be from "), e);
      assertFalse(e.contains("\n"), "one line: " + e);
    }
  }

  @Test
  void a_func_with_a_line_break_written_into_redis_fails_as_invalid_and_forges_no_log_line(
      TestRedis redis, MyrqClient client) throws Exception {
    redis.raw().hset("myrq:{default}:job:forged", Map.of("func", "com.acme.Task.add\n2026 INFO forged line",
        "args", "[1,1]", "status", "queued"));
    redis.raw().lpush("myrq:{default}:queue", "forged");
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      Job job = awaitJob(client, "forged", j -> j.status().isTerminal(), Duration.ofSeconds(30));
      assertEquals(JobStatus.FAILED, job.status());
      assertTrue(job.error().startsWith("InvalidJob: ") && job.error().contains("is not a Java class and method name"),
          job.error());
      assertFalse(job.error().contains("\n"));
    }
    assertEquals("com.acme.Task.add?2026 INFO forged line", ErrorText.printable("com.acme.Task.add\n2026 INFO forged line"));
  }
}
