package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.json.Json;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.worker.Processes.WorkerProcess;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker jar's log output, text and JSON, with a job that logs through SLF4J itself. */
@ExtendWith(RedisExtension.class)
class WorkerLogsIT {

  @Test
  void json_logs_are_one_object_per_line_and_a_jobs_own_line_carries_job_queue_and_attempt(
      TestRedis redis, MyrqClient client) throws Exception {
    String id;
    List<String> lines;
    try (WorkerProcess w = Processes.worker(Map.of("MYRQ_LOG_FORMAT", "json"), redis.url(), RunningWorker.jobsDir())) {
      id = client.enqueue("com.acme.Logged.say", "hello");
      RunningWorker.awaitStatus(client, id, JobStatus.FINISHED);
      assertEquals(0, w.term(30), w.log());
      lines = Files.readAllLines(w.log);
    }
    List<JsonObject> events = new ArrayList<>();
    for (String line : lines) {
      try {
        events.add(Json.parseStrict(line).getAsJsonObject());
      } catch (RuntimeException e) {
        fail("not one JSON object: " + line + "\nwhole log:\n" + String.join("\n", lines));
      }
    }
    JsonObject own = events.stream()
        .filter(e -> e.get("loggerName").getAsString().equals("com.acme.Logged"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line from the job:\n" + String.join("\n", lines)));
    assertEquals("job says: hello", own.get("formattedMessage").getAsString());
    assertEquals("INFO", own.get("level").getAsString());
    JsonObject mdc = own.getAsJsonObject("mdc");
    assertEquals(id, mdc.get("job").getAsString());
    assertEquals("default", mdc.get("queue").getAsString());
    assertEquals("1", mdc.get("attempt").getAsString());
    assertTrue(events.stream().anyMatch(e -> e.get("formattedMessage").getAsString().contains("finished in")),
        "the worker's own per-job lines are JSON too");
  }
}
