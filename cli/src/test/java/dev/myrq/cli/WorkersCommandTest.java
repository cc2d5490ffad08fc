package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.Retention;
import dev.myrq.core.WorkerInfo;
import dev.myrq.core.json.Json;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class WorkersCommandTest {
  private static final Instant STARTED = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant BEAT = Instant.parse("2030-01-01T00:05:00Z");

  @Test
  void workers_lists_each_live_worker(TestRedis redis, MyrqClient client) {
    client.broker(Retention.defaults()).heartbeat(worker("w1", List.of("default", "mail"), List.of("job-1")), Duration.ofSeconds(30));
    client.broker(Retention.defaults()).heartbeat(worker("w2", List.of("slow"), List.of()), Duration.ofSeconds(30));

    Cli.Run run = myrq(redis, "workers");

    assertEquals(0, run.code(), run.err());
    String times = "2030-01-01T00:00:00Z  2030-01-01T00:05:00Z  0.1.0\n";
    assertEquals(
        "NAME  HOST    PID  QUEUES        JOBS   CONCURRENCY  STUCK  STARTED               LAST_BEAT             VERSION\n"
            + "w1    host-a  42   default,mail  job-1  4            0      " + times
            + "w2    host-a  42   slow          -      4            0      " + times,
        run.out());
  }

  @Test
  void workers_json_uses_the_heartbeat_field_names(TestRedis redis, MyrqClient client) {
    client.broker(Retention.defaults()).heartbeat(worker("w1", List.of("default"), List.of("job-1")), Duration.ofSeconds(30));

    JsonArray workers = Json.GSON.fromJson(myrq(redis, "workers", "--json").out(), JsonArray.class);

    assertEquals(1, workers.size());
    JsonObject w = workers.get(0).getAsJsonObject();
    assertEquals("w1", w.get("name").getAsString());
    assertEquals(42, w.get("pid").getAsInt());
    assertEquals("job-1", w.getAsJsonArray("jobs").get(0).getAsString());
    assertEquals("2030-01-01T00:05:00Z", w.get("last_beat").getAsString());
    assertEquals("2030-01-01T00:00:00Z", w.get("started_at").getAsString());
  }

  @Test
  void workers_with_none_alive_prints_just_the_header(TestRedis redis) {
    assertEquals(1, myrq(redis, "workers").out().lines().count());
    assertEquals("[]\n", myrq(redis, "workers", "--json").out());
  }

  private static WorkerInfo worker(String name, List<String> queues, List<String> jobs) {
    return new WorkerInfo(name, "host-a", 42, queues, jobs, 4, 0, STARTED, BEAT, "0.1.0");
  }
}
