package dev.myrq.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.dashboard.DashboardConfig;
import dev.myrq.dashboard.DashboardServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real worker process: requeue a failed job and watch it finish, a
 * job carrying {@code <script>} shows as text, and screenshots of the main pages go to target/screenshots.
 */
@ExtendWith(RedisExtension.class)
class DashboardBrowserTest {
  private static final String SCRIPT = "<script>window.pwned=1</script>";
  /** Generous: the worker's JVM starts on a loaded machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void failed_job_requeued_in_the_browser_finishes_and_script_in_a_job_shows_as_text(
      MyrqClient client, TestRedis redis, @TempDir Path dir) throws Exception {
    String flaky = client.enqueue(JobRequest.of("com.acme.testjobs.Risky.flaky", dir.resolve("n").toString(), 1)
        .withQueue("mail").withRetries(0));
    String hostile = client.enqueue(JobRequest.of("com.acme.Task.fail", SCRIPT).withQueue("mail").withRetries(0));
    client.enqueue(JobRequest.of("com.acme.Task.sleep", 60).withQueue("mail"));
    client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("mail").withDelay(Duration.ofHours(1)));
    List<JobRequest> adds = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      adds.add(JobRequest.of("com.acme.Task.add", i, i).withQueue(i % 4 == 0 ? "default" : "mail"));
    }
    client.enqueueMany(adds);
    for (int i = 0; i < 25; i++) {
      client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("reports").withDelay(Duration.ofMinutes(5 + i)));
    }

    try (WorkerProcess worker = WorkerProcess.start(redis.url(), "dash-worker-1", "mail");
        DashboardServer server = DashboardServer.start(client, DashboardConfig.of("127.0.0.1:0", null));
        Browser browser = Browser.start()) {
      awaitJob(client, flaky, j -> j.status() == JobStatus.FAILED);
      awaitJob(client, hostile, j -> j.status() == JobStatus.FAILED);
      String base = "http://127.0.0.1:" + server.port();
      WebDriver page = browser.driver;
      WebDriverWait wait = new WebDriverWait(page, PATIENCE);

      page.get(base + "/queues");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-queue='mail'] svg.sparkline")));
      browser.screenshot("queues");
      assertEquals("1", page.findElement(By.cssSelector("tr[data-queue='mail'] td.workers")).getText());
      page.findElement(By.cssSelector("tr[data-queue='mail'] a[href='/queues/mail/failed']")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job='" + flaky + "']")));
      browser.screenshot("failed-jobs");
      page.findElement(By.cssSelector("a[href='/jobs/" + flaky + "']")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "flaky failure 1"));
      browser.screenshot("failed-job");
      page.findElement(By.id("requeue")).click();
      wait.until(ExpectedConditions.textToBe(By.id("status"), "finished"));
      assertTrue(page.findElement(By.id("result")).getText().contains("2"));
      browser.screenshot("requeued-job-finished");

      page.get(base + "/jobs/" + hostile);
      assertTrue(page.findElement(By.id("args")).getText().contains(SCRIPT));
      assertTrue(page.findElement(By.id("error")).getText().contains(SCRIPT));
      assertEquals(Boolean.TRUE, browser.driver.executeScript("return window.pwned === undefined"));
      page.get(base + "/queues/mail/failed");
      assertTrue(page.findElement(By.cssSelector("tr[data-job='" + hostile + "'] td.error")).getText()
          .contains(SCRIPT));
      assertEquals(Boolean.TRUE, browser.driver.executeScript("return window.pwned === undefined"));

      page.get(base + "/workers");
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("section[data-worker='dash-worker-1'] table.jobs")));
      browser.screenshot("workers");
    }
  }

  private static Job awaitJob(MyrqClient client, String id, Predicate<Job> done) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE.toNanos();
    Job last = client.job(id);
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("job " + id + " did not get there within " + PATIENCE + "; last seen: " + last);
      }
      Thread.sleep(100);
      last = client.job(id);
    }
    return last;
  }
}
