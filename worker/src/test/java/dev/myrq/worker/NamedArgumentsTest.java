package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Named arguments bound by parameter name, through a real worker. */
@ExtendWith(RedisExtension.class)
class NamedArgumentsTest {

  @Test
  void kwargs_bind_by_name_alone_or_after_positional_args(TestRedis redis, MyrqClient client) throws Exception {
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      String named = client.enqueue(JobRequest.of("com.acme.Task.welcome").withKwargs(Map.of("greeting", "hi", "name", "Ann")));
      String mixed = client.enqueue(JobRequest.of("com.acme.Task.welcome", "Bo").withKwargs(Map.of("greeting", "yo")));
      String spread = client.enqueue(JobRequest.of("com.acme.Task.run").withKwargs(Map.of("words", List.of("a", "b"))));
      assertEquals("\"hi, Ann\"", awaitStatus(client, named, JobStatus.FINISHED).result());
      assertEquals("\"yo, Bo\"", awaitStatus(client, mixed, JobStatus.FINISHED).result());
      assertEquals("\"A B\"", awaitStatus(client, spread, JobStatus.FINISHED).result());
    }
  }

  @Test
  void a_name_that_matches_no_parameter_fails_at_once_naming_the_parameters(TestRedis redis, MyrqClient client)
      throws Exception {
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      String id = client.enqueue(JobRequest.of("com.acme.Task.welcome").withKwargs(Map.of("nam", "Ann", "greeting", "hi")));
      Job job = awaitStatus(client, id, JobStatus.FAILED);
      assertEquals(
          "BadArguments: com.acme.Task.welcome has parameters (name, greeting); no parameter is named nam; "
              + "no value for name",
          job.error());
      assertEquals(1, job.attempt(), "not retried");
    }
  }

  @Test
  void kwargs_for_a_jar_compiled_without_parameters_fail_with_a_clear_line(
      TestRedis redis, MyrqClient client, @TempDir Path tmp) throws Exception {
    Path jobs = Files.createDirectories(tmp.resolve("jobs"));
    compileJar(tmp, jobs.resolve("plain.jar"));
    var c = RunningWorker.config(redis.url());
    var config = new WorkerConfig(c.redis(), c.queues(), jobs, c.allowPackages(), c.concurrency(), c.name(),
        c.burst(), c.grace(), c.lease(), c.defaultTimeout(), c.defaultRetries(), c.defaultBackoff(), c.maxCrashes(),
        c.maxStuck(), c.stuckAfter(), c.retention(), c.maxResultBytes());
    try (RunningWorker w = new RunningWorker(config)) {
      String id = client.enqueue(JobRequest.of("org.plain.Hello.hi").withKwargs(Map.of("name", "Ann")));
      String positional = client.enqueue(JobRequest.of("org.plain.Hello.hi", "Ann"));
      Job job = awaitStatus(client, id, JobStatus.FAILED);
      assertTrue(job.error().startsWith("BadArguments: the job has kwargs but the parameter names of org.plain.Hello.hi "
          + "are not in its class file: compile the job jar with javac -parameters"), job.error());
      assertEquals("\"hi Ann\"", awaitStatus(client, positional, JobStatus.FINISHED).result());
    }
  }

  /** A jar of one class compiled without -parameters. */
  private static void compileJar(Path tmp, Path jar) throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/org/plain")).resolve("Hello.java");
    Files.writeString(src, "package org.plain; public class Hello { public static String hi(String name) { return \"hi \" + name; } }");
    Path out = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-d", out.toString(), src.toString()));
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
      j.putNextEntry(new JarEntry("org/plain/Hello.class"));
      Files.copy(out.resolve("org/plain/Hello.class"), j);
      j.closeEntry();
    }
  }
}
