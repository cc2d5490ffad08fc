package dev.myrq.tools.chaos;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.myrq.core.Job;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.JobFields.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every job checked against Redis and the record file, the recovery times after kills, and each crashed attempt
 * (a lease reaped) put down to a kill, to the stall, or to neither.
 */
record Tally(
    int enqueued,
    int finished,
    List<String> lost,
    List<JsonObject> failed,
    List<JsonObject> unfinished,
    List<String> finishedUnrecorded,
    long recordedLines,
    long garbledLines,
    int uniqueMarkers,
    int crashedAttempts,
    int mostCrashes,
    List<JsonObject> crashesWithoutKill,
    int reapedInStall,
    List<JsonObject> workerDiedWithoutKill,
    List<Double> recoveries,
    List<Double> putBacks) {

  static Tally of(MyrqClient client, Map<String, String> idByMarker, Path record, Map<String, Instant> killAt,
      Stall.Window stall) throws IOException {
    Map<String, Integer> runs = new HashMap<>();
    long lines = 0;
    long garbled = 0;
    List<String> recorded = Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
    for (String line : recorded) {
      if (idByMarker.containsKey(line)) {
        lines++;
        runs.merge(line, 1, Integer::sum);
      } else {
        garbled++;
      }
    }
    int finished = 0;
    int crashed = 0;
    int mostCrashes = 0;
    List<String> lost = new ArrayList<>();
    List<String> finishedUnrecorded = new ArrayList<>();
    List<JsonObject> failed = new ArrayList<>();
    List<JsonObject> unfinished = new ArrayList<>();
    List<JsonObject> noKill = new ArrayList<>();
    List<JsonObject> diedWithoutKill = new ArrayList<>();
    int inStall = 0;
    List<Double> recoveries = new ArrayList<>();
    List<Double> putBacks = new ArrayList<>();
    for (var e : idByMarker.entrySet()) {
      String marker = e.getKey();
      String id = e.getValue();
      Job job;
      try {
        job = client.job(id);
      } catch (JobNotFoundException nf) {
        job = null;
      }
      JobStatus status = job == null ? null : job.status();
      boolean ran = runs.containsKey(marker);
      if (status == JobStatus.FINISHED) {
        finished++;
        if (!ran) {
          finishedUnrecorded.add(id);
        }
      } else if (status == JobStatus.FAILED || status == JobStatus.TIMEOUT) {
        failed.add(describe(id, marker, job));
      } else {
        unfinished.add(describe(id, marker, job));
      }
      if (status != JobStatus.FINISHED && !ran) {
        lost.add(id);
      }
      if (job != null && job.crashes() > 0) {
        mostCrashes = Math.max(mostCrashes, job.crashes());
        Crashes c = recoveries(job, killAt, stall, recoveries, putBacks, noKill);
        crashed += c.count();
        inStall += c.inStall();
        if (status == JobStatus.FAILED && job.error() != null && job.error().startsWith("WorkerDied")
            && !c.lastByKill()) {
          diedWithoutKill.add(describe(id, marker, job));
        }
      }
    }
    return new Tally(idByMarker.size(), finished, lost, failed, unfinished, finishedUnrecorded, lines, garbled,
        runs.size(), crashed, mostCrashes, noKill, inStall, diedWithoutKill, recoveries, putBacks);
  }

  /** A job's crashed attempts: how many, how many the stall caused, and whether a kill caused the last one. */
  private record Crashes(int count, int inStall, boolean lastByKill) {}

  /**
   * For each crashed attempt in the job's history: seconds from the kill of the worker that held it to the
   * job's next start (the next history entry's start, or the job's own start for its last attempt), and to its
   * put-back (the entry's end, written by the reaper). An attempt reaped while its worker was stopped by the stall
   * is counted apart; one reaped while its worker was neither killed nor stopped goes to {@code noKill}.
   */
  private static Crashes recoveries(Job job, Map<String, Instant> killAt, Stall.Window stall, List<Double> out,
      List<Double> putBacks, List<JsonObject> noKill) {
    if (job.history() == null || job.history().isBlank()) {
      return new Crashes(0, 0, false);
    }
    JsonArray history = JsonParser.parseString(job.history()).getAsJsonArray();
    int crashed = 0;
    int inStall = 0;
    boolean lastByKill = false;
    for (int i = 0; i < history.size(); i++) {
      JsonObject h = history.get(i).getAsJsonObject();
      if (!"crashed".equals(text(h, History.OUTCOME))) {
        continue;
      }
      crashed++;
      String worker = text(h, History.WORKER);
      Instant killed = killAt.get(worker);
      long reapedAt = h.has(History.ENDED_AT) ? h.get(History.ENDED_AT).getAsLong() : 0;
      boolean byKill = killed != null && reapedAt >= killed.toEpochMilli();
      lastByKill = byKill;
      if (!byKill && stall != null && stall.covers(worker, reapedAt)) {
        inStall++; // reaped while its worker was stopped past its lease: what the stall step provokes
        continue;
      }
      if (!byKill) {
        // Reaped while its worker was alive and running: the worker lost a lease it should have held.
        JsonObject o = new JsonObject();
        o.addProperty("id", job.id());
        o.addProperty("worker", worker);
        o.addProperty("started_at", h.has(History.STARTED_AT) ? h.get(History.STARTED_AT).getAsLong() : 0);
        o.addProperty("reaped_at", reapedAt);
        o.addProperty("killed_at", killed == null ? null : killed.toEpochMilli());
        noKill.add(o);
        continue;
      }
      putBacks.add((reapedAt - killed.toEpochMilli()) / 1000.0);
      Long next = i + 1 < history.size()
          ? Long.valueOf(history.get(i + 1).getAsJsonObject().get(History.STARTED_AT).getAsLong())
          : job.startedAt() == null ? null : job.startedAt().toEpochMilli();
      if (next != null) {
        out.add((next - killed.toEpochMilli()) / 1000.0);
      }
    }
    return new Crashes(crashed, inStall, lastByKill);
  }

  private static String text(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static JsonObject describe(String id, String marker, Job job) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("marker", marker);
    o.addProperty("status", job == null ? "missing" : job.status().word());
    if (job != null) {
      o.addProperty("crashes", job.crashes());
      o.addProperty("attempt", job.attempt());
      o.addProperty("worker", job.worker());
      o.addProperty("error", job.error());
    }
    return o;
  }

  int duplicates() {
    return (int) (recordedLines - uniqueMarkers);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** Put-backs later than lease + 1 s after the kill. */
  long overBound() {
    double bound = Chaos.RECOVERY_BOUND.toMillis() / 1000.0;
    return putBacks.stream().filter(r -> r > bound).count();
  }
}
