package dev.myrq.tools.bench;

import dev.myrq.core.MyrqClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's figures as the JSON bench.sh writes to --json-out. */
final class ResultsJson {
  private ResultsJson() {}

  static String of(Results r) {
    Map<String, Double> j = new LinkedHashMap<>();
    Drain one = r.oneProcess();
    Drain best = r.best();
    j.put("n_jobs", (double) r.n);
    j.put("r1_ops_per_s", r.r1);
    j.put("r1_redis_cpu_us_per_op", r.r1CpuUs);
    j.put("r1_end_ops_per_s", r.r1End);
    j.put("enqueue_single_per_s", r.single);
    j.put("enqueue_single_ratio", r.single / r.r1);
    j.put("enqueue_bulk_per_s", r.bulk);
    j.put("enqueue_bulk_ratio", r.bulk / r.r1);
    j.put("enqueue_cli_per_s", r.cliPerSecond);
    j.put("enqueue_cli_wall_s", r.cliWallSeconds);
    j.put("drain_one_process_per_s", one.perSecond());
    j.put("drain_one_process_ratio", one.perSecond() / r.r1);
    j.put("drain_one_process_concurrency", (double) one.concurrency());
    j.put("drain_one_process_wall_s", one.wallSeconds());
    for (Drain d : r.drains) {
      j.put("drain_p" + d.processes() + "_c" + d.concurrency() + "_per_s", d.perSecond());
    }
    j.put("drain_best_per_s", best.perSecond());
    j.put("drain_best_ratio", best.perSecond() / r.r1);
    j.put("drain_best_processes", (double) best.processes());
    j.put("drain_best_concurrency", (double) best.concurrency());
    j.put("drain_best_wall_s", best.wallSeconds());
    j.put("latency_p50_ms", r.latency.p50());
    j.put("latency_p99_ms", r.latency.p99());
    j.put("latency_max_ms", r.latency.max());
    j.put("latency_mean_ms", r.latency.mean());
    j.put("redis_commands_per_job", one.commandsPerJob());
    j.put("redis_toplevel_calls_per_job", one.topLevelPerJob());
    j.put("redis_evalsha_per_job", one.evalshaPerJob());
    j.put("redis_evalsha_usec_per_call", one.evalshaUsecPerCall());
    j.put("redis_cpu_us_per_drained_job", one.redisCpuUsPerJob());
    j.put("worker_cpu_us_per_drained_job", one.workerCpuUsPerJob());
    j.put("redis_cpu_us_per_single_enqueue", r.singleRedisCpuUsPerJob);
    j.put("redis_cpu_us_per_bulk_enqueue", r.bulkRedisCpuUsPerJob);
    j.put("enqueue_single_evalsha_usec_per_call", r.singleEvalshaUsec);
    j.put("redis_bytes_per_job", r.bytesPerJob);
    j.put("worker_peak_rss_mb", one.peakRssMb());
    j.put("load_avg_1m_start", r.loadStart);
    j.put("load_avg_1m_end", r.loadEnd);
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (var e : j.entrySet()) {
      double v = e.getValue();
      String num = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
          : String.format(Locale.ROOT, "%.4f", v);
      sb.append("  \"").append(e.getKey()).append("\": ").append(num).append(++i < j.size() ? ",\n" : "\n");
    }
    return sb.append("}\n").toString();
  }}
