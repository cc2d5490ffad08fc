package dev.myrq.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of the {@code func} label: the job's func for the first {@link #MAX} distinct funcs, then
 * {@link #OTHER}. A job hash is written by anyone who can reach Redis, so a flood of made-up funcs must not grow
 * the worker's meters (and Prometheus's series) without bound. Long funcs are cut to {@link #MAX_LENGTH} chars.
 */
final class FuncLabels {
  static final int MAX = 200;
  static final int MAX_LENGTH = 200;
  static final String OTHER = "other";

  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final int max;

  FuncLabels() {
    this(MAX);
  }

  FuncLabels(int max) {
    this.max = max;
  }

  /** The label for a func; the first {@code max} distinct ones are kept (a race may admit a few more). */
  String of(String func) {
    String f = func.length() <= MAX_LENGTH ? func : func.substring(0, MAX_LENGTH);
    if (known.contains(f)) {
      return f;
    }
    if (known.size() >= max) {
      return OTHER;
    }
    known.add(f);
    return f;
  }
}
