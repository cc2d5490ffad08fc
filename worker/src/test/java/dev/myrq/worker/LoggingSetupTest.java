package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Job classes see the worker's slf4j-api and nothing else of it; the log format is checked at start. */
class LoggingSetupTest {

  @Test
  void job_classes_share_the_workers_slf4j_api_and_see_no_other_worker_class() throws Exception {
    try (JobLoader loader = new JobLoader(RunningWorker.jobsDir(), List.of())) {
      ClassLoader jobs = loader.classLoader();
      assertSame(org.slf4j.LoggerFactory.class, jobs.loadClass("org.slf4j.LoggerFactory"));
      assertSame(org.slf4j.MDC.class, jobs.loadClass("org.slf4j.MDC"));
      for (String hidden : List.of("dev.myrq.worker.Worker", "ch.qos.logback.classic.Logger",
          "io.lettuce.core.RedisClient", "org.slf4j.impl.StaticLoggerBinder")) {
        assertThrows(ClassNotFoundException.class, () -> jobs.loadClass(hidden), hidden);
      }
    }
  }

  @Test
  void an_slf4j_method_is_not_a_job() throws Exception {
    try (JobLoader loader = new JobLoader(RunningWorker.jobsDir(), List.of())) {
      JobLoader.UnrunnableJobException e =
          assertThrows(JobLoader.UnrunnableJobException.class, () -> loader.resolve("org.slf4j.MDC.clear"));
      assertTrue(e.getMessage().contains("is not a job class"), e.getMessage());
    }
  }

  @Test
  void log_format_is_text_or_json() {
    WorkerMain.checkLogFormat("text");
    WorkerMain.checkLogFormat("json");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> WorkerMain.checkLogFormat("xml"));
    assertEquals("MYRQ_LOG_FORMAT must be text or json, got 'xml'", e.getMessage());
  }
}
