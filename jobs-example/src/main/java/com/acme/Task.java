package com.acme;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Example jobs: one public method per behaviour, used by the quickstart, the tests and the benchmark. */
public class Task {

  /** Return the arguments joined and upper-cased: {@code run("hello", "world")} gives "HELLO WORLD". */
  public static String run(String... words) {
    return String.join(" ", words).toUpperCase(Locale.ROOT);
  }

  /** Return the sum. */
  public static int add(int a, int b) {
    return a + b;
  }

  /** Sleep, honouring interrupts; return the seconds slept. */
  public static double sleep(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000));
    return seconds;
  }

  /** Throw with this message. */
  public static void fail(String message) {
    throw new IllegalStateException(message);
  }

  /** Do nothing (the benchmark's job). */
  public static void noop() {}

  /** Return the wall clock in microseconds since the epoch: when this job started (the latency benchmark). */
  public static long nowMicros() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

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

  /** An instance method: a job class with a public no-argument constructor works too. */
  public String greet(String name) {
    return "hello, " + name;
  }

  /** Named arguments: {@code --kw name=Ann --kw greeting=hi} gives "hi, Ann" (needs javac -parameters). */
  public static String welcome(String name, String greeting) {
    return greeting + ", " + name;
  }

  /** Return the object argument's keys sorted, to show JSON objects arriving as maps. */
  public static String keys(Map<String, Object> object) {
    String[] k = object.keySet().toArray(new String[0]);
    Arrays.sort(k);
    return String.join(",", k);
  }

  /** Overloads chosen by argument count. */
  public static String pick(String a) {
    return "one:" + a;
  }

  public static String pick(String a, String b) {
    return "two:" + a + b;
  }

  /** Append a line to a file: jobs that record their execution (chaos test, crash tests). */
  public static void record(String path, String line) throws java.io.IOException {
    java.nio.file.Files.writeString(
        java.nio.file.Path.of(path),
        line + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Sleep, then record: a job that is slow enough to be killed mid-run. */
  public static void sleepThenRecord(double seconds, String path, String line)
      throws InterruptedException, java.io.IOException {
    sleep(seconds);
    record(path, line);
  }

  /** Fail the first n-1 times per marker file, then succeed: a flaky job for retry tests. */
  public static int flaky(String counterPath, int failTimes) throws java.io.IOException {
    java.nio.file.Path p = java.nio.file.Path.of(counterPath);
    int n = java.nio.file.Files.exists(p) ? Integer.parseInt(java.nio.file.Files.readString(p).trim()) : 0;
    java.nio.file.Files.writeString(p, Integer.toString(n + 1));
    if (n < failTimes) {
      throw new IllegalStateException("flaky failure " + (n + 1));
    }
    return n + 1;
  }
}
