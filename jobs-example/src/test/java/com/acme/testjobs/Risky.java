package com.acme.testjobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs for tests, the quickstart and the chaos run only: they spin or write files. They live in the tests jar
 * (myrq-jobs-example-tests.jar) so that no production jobs directory ever holds them.
 */
public class Risky {
  private static final AtomicInteger INSIDE = new AtomicInteger();
  private static final AtomicInteger MOST_INSIDE = new AtomicInteger();

  /** Busy-loop for this long, ignoring interrupts: a job that will not stop when told. */
  public static long spin(double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long n = 0;
    while (System.nanoTime() < end) {
      n++;
      Thread.interrupted();
    }
    return n;
  }

  /** Append a line to a file: jobs that record their execution (chaos run, crash tests). */
  public static void record(String path, String line) throws IOException {
    Files.writeString(Path.of(path), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Sleep, then record: a job that is slow enough to be killed mid-run. */
  public static void sleepThenRecord(double seconds, String path, String line)
      throws InterruptedException, IOException {
    Thread.sleep((long) (seconds * 1000));
    record(path, line);
  }

  /** Fail the first n times per counter file, then succeed: a flaky job for retry tests. */
  public static int flaky(String counterPath, int failTimes) throws IOException {
    Path p = Path.of(counterPath);
    int n = Files.exists(p) ? Integer.parseInt(Files.readString(p).trim()) : 0;
    Files.writeString(p, Integer.toString(n + 1));
    if (n < failTimes) {
      throw new IllegalStateException("flaky failure " + (n + 1));
    }
    return n + 1;
  }

  /** Return the name of the thread the job runs on. */
  public static String threadName() {
    return Thread.currentThread().getName();
  }

  /** Sleep this long; return the most jobs seen inside this method at once since the class was loaded. */
  public static int overlap(double seconds) throws InterruptedException {
    MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
    try {
      Thread.sleep((long) (seconds * 1000));
    } finally {
      INSIDE.decrementAndGet();
    }
    return MOST_INSIDE.get();
  }
}
