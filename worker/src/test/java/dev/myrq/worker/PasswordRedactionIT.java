package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisProcess;
import dev.myrq.worker.Processes.WorkerProcess;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The password is printed nowhere by the worker, for every URL form: its log and its errors (cli: MyrqTest). */
class PasswordRedactionIT {
  private static final String SECRET = "s3cretPW";

  @Test
  void a_password_only_url_and_a_password_with_a_slash_appear_in_no_log_error_or_listing() throws Exception {
    try (RedisProcess redis = RedisProcess.server(RedisProcess.freePort(false),
        Files.createTempDirectory("myrq-auth"), "requirepass " + SECRET)) {
      String url = "redis://" + SECRET + "@" + redis.hostPort();
      try (WorkerProcess w = Processes.worker(url, RunningWorker.jobsDir(), "--name", "redaction");
          MyrqClient client = MyrqClient.connect(url)) {
        assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
        assertEquals(0, w.term(30), w.log());
        assertTrue(w.log().contains("redis://***@" + redis.hostPort()), w.log());
        assertNoSecret(w.log());
      }
      for (String bad : new String[] {
        "redis://:s3cret/PW@" + redis.hostPort(), "redis://s3cret%2FPW@" + redis.hostPort(),
        "redis://:s3cretPW@" + redis.hostPort() + "/notadb"}) {
        try (WorkerProcess w = Processes.worker(bad, RunningWorker.jobsDir(), "--burst")) {
          int code = w.awaitExit(60);
          assertTrue(code == 2 || code == 4, bad + " exited " + code + ": " + w.log());
          assertFalse(w.log().contains("s3cret"), w.log());
        }
      }
    }
  }

  private static void assertNoSecret(String text) {
    assertFalse(text.contains(SECRET), "the password shows: " + text);
  }
}
