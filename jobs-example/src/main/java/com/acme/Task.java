package com.acme;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Example jobs: one public method per behaviour, used by the quickstart, the tests and the benchmark. None writes
 * files or spins; such jobs live in the tests jar ({@code com.acme.testjobs.Risky}).
 */
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
}
