package dev.myrq.tools.chaos;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/** The figures of one run, as text for a person and as JSON; {@link #reason} is null when the run passed. */
record Report(
    Options options,
    Tally tally,
    Drive drive,
    int kills,
    List<Duration> startups,
    Map<String, Integer> selfExits,
    Map<String, Integer> workerExits,
    long staleWrites,
    Duration wall) {

  /** Why the run failed, in one line; null when it passed. */
  String reason() {
    if (!tally.lost().isEmpty()) {
      return tally.lost().size() + " job(s) lost: enqueued, never ran and not finished, e.g. " + tally.lost().get(0);
    }
    if (!tally.unfinished().isEmpty()) {
      return tally.unfinished().size() + " job(s) not ended after " + Chaos.LIMIT.toMinutes()
          + " min, e.g. " + tally.unfinished().get(0);
    }
    if (!tally.workerDiedWithoutKill().isEmpty()) {
      return tally.workerDiedWithoutKill().size() + " job(s) ended WorkerDied though their worker was not killed, e.g. "
          + tally.workerDiedWithoutKill().get(0);
    }
    if (!tally.failed().isEmpty()) {
      return tally.failed().size() + " job(s) failed, e.g. " + tally.failed().get(0);
    }
    if (!tally.finishedUnrecorded().isEmpty()) {
      return tally.finishedUnrecorded().size() + " job(s) marked finished but never ran, e.g. "
          + tally.finishedUnrecorded().get(0);
    }
    if (drive.stall() == null) {
      return "the stall step did not run (no two workers ran while jobs were running)";
    }
    for (var e : selfExits.entrySet()) {
      return "worker " + e.getKey() + " exited by itself with code " + e.getValue() + " (it should keep running)";
    }
    for (var e : workerExits.entrySet()) {
      if (e.getValue() != 0) {
        return "worker " + e.getKey() + (e.getValue() < 0 ? " did not stop within " + Chaos.SIGTERM_WAIT.toSeconds()
            + " s of SIGTERM" : " exited " + e.getValue() + " on SIGTERM, not 0");
      }
    }
    return null;
  }

  void print(PrintStream out) {
    String bound = Chaos.seconds(Chaos.RECOVERY_BOUND);
    out.println();
    out.printf("myrq chaos report%s%n", options.shortForm() ? " (short form)" : "");
    row(out, "jobs enqueued", tally.enqueued(), "");
    row(out, "jobs finished", tally.finished(), "");
    row(out, "jobs lost", tally.lost().size(), "enqueued, not finished at the end and never ran; must be 0");
    row(out, "jobs failed", tally.failed().size(), firstFew(tally.failed()));
    row(out, "jobs not ended", tally.unfinished().size(), firstFew(tally.unfinished()));
    row(out, "duplicate executions", tally.duplicates(), "runs beyond the first (at-least-once allows them)");
    row(out, "kills", kills, "SIGKILL, every ~" + Chaos.seconds(options.killEvery()) + " s while two workers are up");
    row(out, drive.faultName(), drive.fault() == null ? 0 : 1,
        drive.fault() == null ? "the run ended before half the jobs had finished" : drive.fault().detail());
    Stall.Window stall = drive.stall();
    row(out, "stalls", stall == null ? 0 : 1, stall == null ? "none: the run ended before two workers ran"
        : "SIGSTOP " + stall.worker() + " for " + Chaos.seconds(stall.length()) + " s (lease "
            + Chaos.LEASE.toSeconds() + " s), then SIGCONT; never killed while stopped");
    row(out, "reaped in the stall", tally.reapedInStall(),
        "attempts of the stopped worker reaped past its lease and run again; its late ends refused");
    row(out, "crashed attempts", tally.crashedAttempts(),
        "leases reaped: by a kill, then run again, or in the stall (above)");
    row(out, "most crashes of one job", tally.mostCrashes(), "workers fail a job at " + Chaos.MAX_CRASHES);
    row(out, "crashes without a kill", tally.crashesWithoutKill().size(),
        "attempts reaped while their worker ran, neither killed nor stopped (a lease lost under load, or a fault)");
    row(out, "WorkerDied without a kill", tally.workerDiedWithoutKill().size(),
        "jobs failed as WorkerDied whose last worker was not killed; must be 0");
    out.printf("  %-28s median %.1f s, max %.1f s over %d crashed attempts (kill to the job's next start)%n",
        "recovery after a kill", Tally.median(tally.recoveries()), Tally.max(tally.recoveries()),
        tally.recoveries().size());
    out.printf("  %-28s median %.1f s, max %.1f s (kill to put-back; bound lease + 1 s = %s s, %d later)%n",
        "put back after a kill", Tally.median(tally.putBacks()), Tally.max(tally.putBacks()), bound,
        tally.overBound());
    out.printf("  %-28s median %.1f s, max %.1f s over %d starts (process start to first heartbeat)%n",
        "worker start-up", startupMedian(), startupMax(), startups.size());
    row(out, "stale writes", staleWrites, "results refused because the writer had lost its lease");
    row(out, "workers exited by themselves", selfExits.size(), selfExits.isEmpty() ? "" : selfExits.toString());
    row(out, "workers at the end", workerExits.size(), "exit codes on SIGTERM " + workerExits.values());
    out.printf("  %-28s %s s%n", "wall time", Chaos.seconds(wall));
    String reason = reason();
    out.println(reason == null ? "result: OK, no job lost" : "result: FAILED: " + reason);
  }

  double startupMedian() {
    List<Long> ms = startups.stream().map(Duration::toMillis).sorted().toList();
    return ms.isEmpty() ? 0 : ms.get(ms.size() / 2) / 1000.0;
  }

  double startupMax() {
    return startups.stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0;
  }

  private static String firstFew(List<JsonObject> items) {
    return items.isEmpty() ? "" : items.subList(0, Math.min(3, items.size())) + (items.size() > 3 ? " ..." : "");
  }

  private static void row(PrintStream out, String name, long value, String note) {
    out.printf("  %-28s %-6d %s%n", name, value, note);
  }

  void writeJson(Path file, PrintStream out) throws IOException {
    if (file == null) {
      return;
    }
    Stall.Window stall = drive.stall();
    JsonObject o = new JsonObject();
    o.addProperty("result", reason() == null ? "ok" : "failed");
    o.addProperty("reason", reason());
    o.addProperty("short_form", options.shortForm());
    o.addProperty("seed", options.seed());
    o.addProperty("workers", Chaos.WORKERS);
    o.addProperty("concurrency", Chaos.CONCURRENCY);
    o.addProperty("lease_s", Chaos.LEASE.toSeconds());
    o.addProperty("kill_every_s", options.killEvery().toMillis() / 1000.0);
    o.addProperty("jobs_enqueued", tally.enqueued());
    o.addProperty("jobs_finished", tally.finished());
    o.addProperty("jobs_lost", tally.lost().size());
    o.addProperty("jobs_failed", tally.failed().size());
    o.add("failed_jobs", array(tally.failed()));
    o.addProperty("jobs_not_ended", tally.unfinished().size());
    o.add("not_ended_jobs", array(tally.unfinished()));
    o.addProperty("finished_without_record", tally.finishedUnrecorded().size());
    o.addProperty("recorded_runs", tally.recordedLines());
    o.addProperty("garbled_lines", tally.garbledLines());
    o.addProperty("duplicate_executions", tally.duplicates());
    o.addProperty("kills", kills);
    String faultKey = drive.faultName().replace(' ', '_').toLowerCase(Locale.ROOT);
    o.addProperty(faultKey, drive.fault() == null ? 0 : 1);
    o.addProperty(faultKey + "_s", drive.fault() == null ? 0 : drive.fault().took().toMillis() / 1000.0);
    o.addProperty("crashed_attempts", tally.crashedAttempts());
    o.addProperty("most_crashes_of_one_job", tally.mostCrashes());
    o.addProperty("max_crashes", Chaos.MAX_CRASHES);
    o.add("crashes_without_kill", array(tally.crashesWithoutKill()));
    o.addProperty("reaped_in_stall", tally.reapedInStall());
    o.add("worker_died_without_kill", array(tally.workerDiedWithoutKill()));
    JsonObject st = new JsonObject();
    st.addProperty("worker", stall == null ? null : stall.worker());
    st.addProperty("stopped_s", stall == null ? 0 : stall.length().toMillis() / 1000.0);
    st.addProperty("planned_s", Stall.LENGTH.toMillis() / 1000.0);
    o.add("stall", st);
    JsonObject rec = new JsonObject();
    rec.addProperty("count", tally.recoveries().size());
    rec.addProperty("median_s", Tally.median(tally.recoveries()));
    rec.addProperty("max_s", Tally.max(tally.recoveries()));
    rec.addProperty("put_back_median_s", Tally.median(tally.putBacks()));
    rec.addProperty("put_back_max_s", Tally.max(tally.putBacks()));
    rec.addProperty("put_back_bound_s", Chaos.RECOVERY_BOUND.toMillis() / 1000.0);
    rec.addProperty("put_back_over_bound", tally.overBound());
    o.add("recovery", rec);
    JsonObject up = new JsonObject();
    up.addProperty("count", startups.size());
    up.addProperty("median_s", startupMedian());
    up.addProperty("max_s", startupMax());
    o.add("worker_startup", up);
    o.addProperty("stale_writes", staleWrites);
    JsonObject exits = new JsonObject();
    workerExits.forEach(exits::addProperty);
    o.add("worker_exits_on_sigterm", exits);
    JsonObject self = new JsonObject();
    selfExits.forEach(self::addProperty);
    o.add("worker_exits_by_themselves", self);
    o.addProperty("wall_time_s", wall.toMillis() / 1000.0);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n");
    out.println("report written to " + file);
  }

  private static JsonArray array(List<JsonObject> items) {
    JsonArray a = new JsonArray();
    items.forEach(a::add);
    return a;
  }
}
