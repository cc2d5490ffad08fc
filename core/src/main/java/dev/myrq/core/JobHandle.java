package dev.myrq.core;

import java.time.Duration;
import java.util.Optional;

/** One job of one client, to read or to wait for. Thread-safe; valid while its client is open. */
public final class JobHandle {
  private final MyrqClient client;
  private final String id;

  JobHandle(MyrqClient client, String id) {
    this.client = client;
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Read the job now; see {@link MyrqClient#job}. */
  public Job job() {
    return client.job(id);
  }

  /**
   * Wait up to {@code max} for the job to end (finished, failed, timeout or canceled); return it then, or empty
   * when {@code max} passed first. See {@link MyrqClient#await}.
   */
  public Optional<Job> await(Duration max) throws InterruptedException {
    return client.await(id, max);
  }
}
