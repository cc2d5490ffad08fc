package dev.myrq.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every figure of one run; {@link ResultsTable} and {@link ResultsJson} print them. */
final class Results {
  final double r1;
  final double r1CpuUs;
  final int n;
  double single;
  double bulk;
  double cliPerSecond;
  double cliWallSeconds;
  double bytesPerJob;
  double singleRedisCpuUsPerJob;
  double bulkRedisCpuUsPerJob;
  double singleEvalshaUsec;
  double r1End;
  double loadStart;
  double loadEnd;
  final List<Drain> drains = new ArrayList<>();
  Latency latency;

  Results(double r1, double r1CpuUs, int n) {
    this.r1 = r1;
    this.r1CpuUs = r1CpuUs;
    this.n = n;
  }

  Drain oneProcess() {
    return drains.get(0);
  }

  Drain bestOf(int processes) {
    return drains.stream().filter(d -> d.processes() == processes)
        .max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
  }

  Drain best() {
    return drains.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
