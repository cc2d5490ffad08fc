package dev.myrq.tools.bench;

import static dev.myrq.tools.bench.Bench.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A myrq-worker JVM started from the fat jar, with its peak RSS (VmHWM) polled until it exits. */
final class WorkerProcess {
  private static final List<Process> STARTED = new ArrayList<>();
  private final Process process;
  private final Path log;
  private volatile double peakRssMb;
  private volatile long cpuMicros;
  private final Thread poller;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.poller = new Thread(this::poll, "rss-poller");
    poller.setDaemon(true);
    poller.start();
  }

  static WorkerProcess start(Options opt, int concurrency, boolean burst, Path log) throws IOException {
    Path jobsDir = opt.workDir().resolve("jobs");
    Files.createDirectories(jobsDir);
    Files.copy(opt.jobsJar(), jobsDir.resolve(opt.jobsJar().getFileName()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<String> cmd = new ArrayList<>(List.of(java()));
    String extra = System.getenv("WORKER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-jar", opt.workerJar().toString(), "--redis", opt.url(), "--jobs-dir",
        jobsDir.toString(), "--concurrency", Integer.toString(concurrency), "--result-ttl", "1h"));
    if (burst) {
      cmd.add("--burst");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MYRQ_JOB_LOG", "WARN");
    Process p = pb.start();
    synchronized (STARTED) {
      STARTED.add(p);
    }
    return new WorkerProcess(p, log);
  }

  private void poll() {
    Path status = Path.of("/proc/" + process.pid() + "/status");
    while (process.isAlive()) {
      process.info().totalCpuDuration().ifPresent(d -> cpuMicros = d.toNanos() / 1000);
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            double kb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
            peakRssMb = Math.max(peakRssMb, kb / 1024);
          }
        }
        Thread.sleep(20);
      } catch (IOException | RuntimeException e) {
        return; // the process is gone: the last value read is its peak
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void awaitExit(Duration max) throws InterruptedException, IOException {
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("worker still running after " + max.toSeconds() + " s; see " + log);
    }
    poller.join(1000);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("worker exited " + process.exitValue() + "; log " + log + ":\n"
          + tail(log));
    }
  }

  /** SIGTERM, as an operator would; the worker finishes its jobs and exits 0. */
  void stop() throws InterruptedException, IOException {
    process.destroy();
    awaitExit(Duration.ofSeconds(40));
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  double peakRssMb() {
    return peakRssMb;
  }

  /** CPU time (user + system) of the process as last polled, JVM start and JIT included. */
  long cpuMicros() {
    return cpuMicros;
  }

  static void stopAll() {
    synchronized (STARTED) {
      STARTED.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
