package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import java.time.Duration;

/**
 * The documented range of every count, duration and size option of the worker (README "Worker"). A value out of
 * range is a bad option: one line naming the option, the range and the value, and exit code 2.
 */
final class FlagRanges {
  static final int MAX_CONCURRENCY = 10_000;

  private FlagRanges() {}

  static void check(WorkerMain m) {
    count("--concurrency", m.concurrency, 1, MAX_CONCURRENCY);
    count("--retries", m.retries, 0, 100);
    count("--max-crashes", m.maxCrashes, 1, 1000);
    count("--max-stuck", m.maxStuck, 0, 1000);
    count("--failed-max", m.failedMax, 1, 1_000_000);
    duration("--grace", m.grace, Duration.ZERO, Duration.ofHours(1));
    duration("--lease", m.lease, Duration.ofSeconds(2), Duration.ofHours(1));
    duration("--timeout", m.timeout, Duration.ofSeconds(1), Duration.ofDays(30));
    duration("--backoff", m.backoff, Duration.ZERO, Duration.ofHours(1));
    duration("--result-ttl", m.resultTtl, Duration.ofSeconds(1), Duration.ofDays(365));
    duration("--failed-ttl", m.failedTtl, Duration.ofSeconds(1), Duration.ofDays(365));
    count("--max-result-size", m.maxResultBytes, 1024, 512L * 1024 * 1024);
  }

  private static void count(String option, long v, long min, long max) {
    if (v < min || v > max) {
      throw new InvalidConfigException(option + " must be from " + min + " to " + max + ", got " + v);
    }
  }

  private static void duration(String option, Duration v, Duration min, Duration max) {
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new InvalidConfigException(
          option + " must be from " + text(min) + " to " + text(max) + ", got " + v.toMillis() + " ms");
    }
  }

  private static String text(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    return d.toSeconds() + "s";
  }
}
