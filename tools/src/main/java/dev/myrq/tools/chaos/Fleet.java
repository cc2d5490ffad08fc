package dev.myrq.tools.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker processes: start one (named chaos-N, logging to its own file), kill one, suspend and resume one, stop
 * them all.
 */
final class Fleet {
  record Kill(String worker, Instant at) {}

  private final List<String> command;
  private final Path logs;
  private final Map<String, Process> live = new ConcurrentHashMap<>();
  private final List<String> started = new ArrayList<>();
  private final Map<String, Long> startedNanos = new HashMap<>();
  /** Live workers seen heartbeating, with how long each took from process start to its first heartbeat. */
  private final Map<String, Duration> up = new HashMap<>();
  private final List<Duration> startupTimes = new ArrayList<>();
  /** Workers that exited without being killed or told to stop, with their exit codes. */
  private final Map<String, Integer> selfExits = new LinkedHashMap<>();
  private final List<Kill> kills = new ArrayList<>();
  /** Workers stopped with SIGSTOP now: they reap nothing. */
  private final Set<String> suspended = new HashSet<>();
  /** Workers never killed: the stalled one, so that its late ends after SIGCONT are seen refused. */
  private final Set<String> spared = new HashSet<>();

  Fleet(Path workerJar, Path jobsDir, Path logs) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    this.command = new ArrayList<>(List.of(java, "-jar", workerJar.toString(), "--jobs-dir", jobsDir.toString(),
        "--lease", Chaos.LEASE.toSeconds() + "s", "--concurrency", "" + Chaos.CONCURRENCY,
        "--max-crashes", "" + Chaos.MAX_CRASHES));
    this.logs = logs;
  }

  /** Say where the workers connect and which queues they serve; call once, before the first start. */
  void target(String redisUrl, List<String> queues) {
    command.addAll(List.of("--redis", redisUrl));
    queues.forEach(q -> command.addAll(List.of("--queue", q)));
  }

  /** Start a worker; return its name. */
  synchronized String start() throws IOException {
    String name = "chaos-" + (started.size() + 1);
    List<String> cmd = new ArrayList<>(command);
    cmd.add("--name");
    cmd.add(name);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
    pb.environment().put("MYRQ_JOB_LOG", "WARN");
    live.put(name, pb.start());
    started.add(name);
    startedNanos.put(name, System.nanoTime());
    return name;
  }

  /** Note which live workers have written a heartbeat. */
  synchronized void markUp(Set<String> registered) {
    for (String name : live.keySet()) {
      if (registered.contains(name) && !up.containsKey(name)) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos.get(name));
        up.put(name, took);
        startupTimes.add(took);
      }
    }
  }

  /** Remove the live workers whose process has ended by itself; return their exit codes by name. */
  synchronized Map<String, Integer> collectSelfExits() {
    Map<String, Integer> now = new LinkedHashMap<>();
    for (var e : new java.util.TreeMap<>(live).entrySet()) {
      if (!e.getValue().isAlive()) {
        live.remove(e.getKey());
        up.remove(e.getKey());
        now.put(e.getKey(), e.getValue().exitValue());
      }
    }
    selfExits.putAll(now);
    return now;
  }

  synchronized Map<String, Integer> selfExits() {
    return Map.copyOf(selfExits);
  }

  synchronized int upCount() {
    return up.size();
  }

  /** Workers up and not suspended: those that reap. */
  synchronized int runningCount() {
    return runningNames().size();
  }

  /** Names of the workers up and not suspended. */
  synchronized Set<String> runningNames() {
    Set<String> names = new HashSet<>(up.keySet());
    names.removeAll(suspended);
    return names;
  }

  /** Workers up that may be killed (not spared). */
  synchronized int killableCount() {
    return (int) up.keySet().stream().filter(n -> !spared.contains(n)).count();
  }

  /** Process start to first heartbeat, of every worker that got that far. */
  synchronized List<Duration> startupTimes() {
    return List.copyOf(startupTimes);
  }

  /** SIGSTOP this worker; it is never killed from now on. */
  synchronized void suspend(String name) throws IOException, InterruptedException {
    signal(name, "STOP");
    suspended.add(name);
    spared.add(name);
  }

  /** SIGCONT a suspended worker. */
  synchronized void resume(String name) throws IOException, InterruptedException {
    signal(name, "CONT");
    suspended.remove(name);
  }

  /** SIGKILL a random worker that is up and not spared, and wait until it is gone. */
  synchronized Kill killOne(Random random) throws InterruptedException {
    List<String> names = new ArrayList<>(up.keySet());
    names.removeAll(spared);
    names.sort(null);
    String name = names.get(random.nextInt(names.size()));
    up.remove(name);
    Process p = live.remove(name);
    Kill kill = new Kill(name, Instant.now());
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    kills.add(kill);
    return kill;
  }

  /** Send a signal with kill(1): Process offers SIGTERM and SIGKILL only. */
  private void signal(String name, String signal) throws IOException, InterruptedException {
    Process p = live.get(name);
    if (p == null) {
      throw new IOException("no live worker " + name);
    }
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + p.pid() + " (" + name + ") failed");
    }
  }

  Set<String> liveNames() {
    return Set.copyOf(live.keySet());
  }

  synchronized List<Kill> kills() {
    return List.copyOf(kills);
  }

  /** Kill time by worker name (each name is killed at most once). */
  synchronized Map<String, Instant> killTimes() {
    Map<String, Instant> m = new HashMap<>();
    kills.forEach(k -> m.put(k.worker(), k.at()));
    return m;
  }

  /** SIGTERM every live worker, wait for all; return name to exit code (-1: still running, then killed). */
  Map<String, Integer> terminateAll(Duration wait) throws InterruptedException {
    Map<String, Process> snapshot = new java.util.TreeMap<>(live);
    snapshot.values().forEach(Process::destroy);
    long end = System.nanoTime() + wait.toNanos();
    Map<String, Integer> exits = new LinkedHashMap<>();
    for (var e : snapshot.entrySet()) {
      Process p = e.getValue();
      boolean exited = p.waitFor(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!exited) {
        p.destroyForcibly();
      }
      exits.put(e.getKey(), exited ? p.exitValue() : -1);
      live.remove(e.getKey());
      synchronized (this) {
        up.remove(e.getKey());
      }
    }
    return exits;
  }

  /** SIGKILL whatever still runs (cleanup). */
  void destroyAll() {
    live.values().forEach(Process::destroyForcibly);
    for (Process p : live.values()) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    live.clear();
  }

  /** Print the last lines of every worker's log, killed ones included. */
  synchronized void printTails(PrintStream out, int lines) {
    for (String name : started) {
      Path log = logs.resolve(name + ".log");
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.printf("-- last %d lines of %s.log --%n", Math.min(lines, all.size()), name);
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
      } catch (IOException | UncheckedIOException e) {
        out.printf("-- %s.log unreadable: %s --%n", name, e.getMessage());
      }
    }
  }
}
