package dev.myrq.tools.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

record Options(
    int port, double r1, double r1CpuUs, int n, Path jsonOut, Path workerJar, Path cliJar, Path jobsJar, Path workDir) {
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  static Options parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      m.put(args[i], args[i + 1]);
    }
    return new Options(
        Integer.parseInt(need(m, "--port")), Double.parseDouble(need(m, "--r1")),
        Double.parseDouble(need(m, "--r1-redis-cpu-us")),
        Integer.parseInt(need(m, "--n")), Path.of(need(m, "--json-out")), Path.of(need(m, "--worker-jar")),
        Path.of(need(m, "--cli-jar")), Path.of(need(m, "--jobs-jar")), Path.of(need(m, "--work-dir")));
  }

  private static String need(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing option " + key);
    }
    return v;
  }
}
