package dev.myrq.tools.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What the command line and environment ask for. */
record Options(
    int jobs, Duration killEvery, boolean shortForm, Path jsonOut, Path repo, long seed, boolean keep, boolean cluster) {
  static final String USAGE =
      "usage: scripts/chaos.sh [--cluster] [--json-out FILE]\n"
          + "  env JOBS=n (default 2000; 600 with CHAOS_SHORT=1), CHAOS_KILL_EVERY=seconds (default 3; 2 short),\n"
          + "      CHAOS_SHORT=1 (the CI form), CHAOS_SEED=n (repeat a run's job durations),\n"
          + "      CHAOS_KEEP=1 (keep the temporary directory: worker logs, Redis AOF, record file)\n"
          + "  --cluster        run on a 3-master Redis Cluster (3 queues, one per master) and move a busy queue's\n"
          + "                   slot to another master half way, instead of restarting Redis\n"
          + "  --json-out FILE  also write the report as JSON (default target/chaos.json when target/ exists)";

  /** Parse; return null for --help. */
  static Options parse(String[] args, Map<String, String> env) {
    Path repo = Path.of(System.getProperty("myrq.repo", ".")).toAbsolutePath().normalize();
    Path jsonOut = Files.isDirectory(repo.resolve("target")) ? repo.resolve("target/chaos.json") : null;
    boolean cluster = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--cluster" -> cluster = true;
        case "--json-out" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--json-out needs a FILE");
          }
          jsonOut = Path.of(args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    boolean shortForm = "1".equals(env.get("CHAOS_SHORT"));
    int jobs = positiveInt(env, "JOBS", shortForm ? 600 : 2000);
    Duration killEvery = seconds(env, "CHAOS_KILL_EVERY", shortForm ? 2 : 3);
    long seed = System.nanoTime();
    if (env.containsKey("CHAOS_SEED")) {
      try {
        seed = Long.parseLong(env.get("CHAOS_SEED").trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("CHAOS_SEED must be a whole number, got '" + env.get("CHAOS_SEED") + "'");
      }
    }
    return new Options(jobs, killEvery, shortForm, jsonOut, repo, seed, "1".equals(env.get("CHAOS_KEEP")), cluster);
  }

  private static int positiveInt(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive whole number, got '" + v + "'");
  }

  private static Duration seconds(Map<String, String> env, String name, double dflt) {
    String v = env.get(name);
    double s = dflt;
    if (v != null && !v.isBlank()) {
      try {
        s = Double.parseDouble(v.trim().replaceFirst("s$", ""));
      } catch (NumberFormatException e) {
        s = -1;
      }
      if (!(s >= 0.5)) {
        throw new IllegalArgumentException(name + " must be a number of seconds, at least 0.5, got '" + v + "'");
      }
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
