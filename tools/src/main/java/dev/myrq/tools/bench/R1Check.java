package dev.myrq.tools.bench;

import static dev.myrq.tools.bench.Bench.R1_RECHECK_REQUESTS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The yardstick R1 measured again at the end of the run. */
final class R1Check {
  private final Options opt;
  private final ServerStats raw;

  R1Check(Options opt, ServerStats raw) {
    this.opt = opt;
    this.raw = raw;
  }

  /**
   * R1 measured again after the run, the same way bench.sh measured it first but with fewer requests: on a virtual machine the
   * yardstick itself moves (a ping-pong over loopback costs more when the other vCPU idles), so the table shows
   * how far it moved.
   */
  double r1Again() throws IOException, InterruptedException {
    raw.flushAll();
    Process p = new ProcessBuilder("redis-benchmark", "-p", Integer.toString(opt.port()), "-P", "1", "-c", "1",
        "-t", "lpush", "-n", Integer.toString(R1_RECHECK_REQUESTS), "-q").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    raw.flushAll();
    Matcher m = Pattern.compile("LPUSH: ([0-9.]+) requests per second").matcher(out);
    double last = 0;
    while (m.find()) {
      last = Double.parseDouble(m.group(1));
    }
    return last;
  }
}
