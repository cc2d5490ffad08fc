package dev.myrq.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} (or {@code redis-sentinel}) process from the system's Redis, on a loopback port, with its
 * config file and log in a directory of its own. Started and stopped by the tests (SIGKILL included).
 */
public final class RedisProcess implements AutoCloseable {
  private final String binary;
  private final int port;
  private final Path dir;
  private final List<String> config;
  private Process process;

  private RedisProcess(String binary, int port, Path dir, List<String> config) {
    this.binary = binary;
    this.port = port;
    this.dir = dir;
    this.config = config;
  }

  /** Start a redis-server with these config lines (besides port, bind, dir and no persistence). */
  public static RedisProcess server(int port, Path dir, String... extra) {
    List<String> c = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir, "save \"\"",
        "appendonly no", "logfile redis.log", "protected-mode no"));
    c.addAll(List.of(extra));
    RedisProcess p = new RedisProcess("redis-server", port, dir, c);
    p.start();
    return p;
  }

  /** Start a redis-sentinel with these config lines (besides port, bind and dir). */
  public static RedisProcess sentinel(int port, Path dir, String... extra) {
    List<String> c = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
        "logfile sentinel.log", "protected-mode no"));
    c.addAll(List.of(extra));
    RedisProcess p = new RedisProcess("redis-sentinel", port, dir, c);
    p.start();
    return p;
  }

  public int port() {
    return port;
  }

  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Start the process (again, after a kill: same port, same directory) and wait until it accepts connections. */
  public synchronized void start() {
    try {
      Files.createDirectories(dir);
      Path conf = dir.resolve(binary + ".conf");
      if (!Files.exists(conf)) {
        Files.write(conf, config, StandardCharsets.UTF_8);
      }
      // Sentinel runs as redis-server --sentinel: the same binary, so CI needs no redis-sentinel package.
      List<String> command = binary.equals("redis-sentinel")
          ? List.of("redis-server", conf.toString(), "--sentinel")
          : List.of(binary, conf.toString());
      process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary + " (is Redis installed?)", e);
    }
    awaitListening();
  }

  private void awaitListening() {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(binary + " on port " + port + " exited: " + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        sleep(50);
      }
    }
    throw new IllegalStateException(binary + " on port " + port + " did not listen within 30 s: " + log());
  }

  /** SIGKILL, as when a host dies; waits until the process is gone. */
  public synchronized void kill9() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** SIGSTOP: the process holds its connections but answers nothing, as a host that hangs. */
  public synchronized void pause() {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public synchronized void resume() {
    signal("-CONT");
  }

  private void signal(String sig) {
    try {
      int rc = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException("kill " + sig + " " + process.pid() + " exited " + rc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** The process's log, for failure messages. */
  public String log() {
    try {
      Path f = dir.resolve(binary.equals("redis-server") ? "redis.log" : "sentinel.log");
      return Files.exists(f) ? Files.readString(f) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    kill9();
  }

  /**
   * A port that is free, and (for a cluster node) whose cluster bus port, port + 10000, is free too. Random in
   * 20000-39999 so parallel builds rarely meet.
   */
  public static int freePort(boolean withBusPort) {
    for (int i = 0; i < 1000; i++) {
      int p = 20000 + ThreadLocalRandom.current().nextInt(20000);
      if (free(p) && (!withBusPort || free(p + 10000))) {
        return p;
      }
    }
    throw new IllegalStateException("no free port pair found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
