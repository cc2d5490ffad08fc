package dev.myrq.tools.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of 3 masters (no replicas) from the system's redis-server in cluster mode, append-only, on free
 * loopback ports (bus port = port + 10000), created with {@code redis-cli --cluster create}. Its jobs go to three
 * queues, one per master; its fault moves the first queue's slot to the next master while the workers run.
 */
final class ClusterHost implements RedisTarget {
  static final int MASTERS = 3;
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final Path dir;
  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> servers = new ArrayList<>();
  private final List<String> queues = new ArrayList<>();

  ClusterHost(Path dir) {
    this.dir = dir;
  }

  @Override
  public void start() throws IOException, InterruptedException {
    for (int i = 0; i < MASTERS; i++) {
      ports.add(freePortPair());
      servers.add(startServer(ports.get(i)));
    }
    for (int port : ports) {
      awaitPong(port);
    }
    create();
    awaitState("cluster_state:ok");
    for (int i = 0; i < MASTERS; i++) {
      queues.add(queueOn(i, "chaos-" + (char) ('a' + i)));
    }
  }

  private Process startServer(int port) throws IOException {
    Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
    return new ProcessBuilder("redis-server", "--port", "" + port, "--bind", "127.0.0.1", "--dir", nodeDir.toString(),
        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
        "--cluster-require-full-coverage", "no", "--appendonly", "yes", "--save", "")
        .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start();
  }

  private static void awaitPong(int port) throws InterruptedException {
    long end = System.nanoTime() + START_WAIT.toNanos();
    while (true) {
      try {
        RedisCli.run(port, "ping");
        return;
      } catch (IllegalStateException e) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException("redis-server on port " + port + " did not start: " + e.getMessage());
        }
        Thread.sleep(100);
      }
    }
  }

  private void create() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(p -> cmd.add("127.0.0.1:" + p));
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("redis-cli --cluster create failed: " + out.strip());
    }
  }

  private void awaitState(String state) throws InterruptedException {
    long end = System.nanoTime() + START_WAIT.toNanos();
    while (!ports.stream().allMatch(p -> RedisCli.run(p, "cluster", "info").contains(state))) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("the cluster did not reach " + state);
      }
      Thread.sleep(100);
    }
  }

  /** A queue name, starting with {@code stem}, whose keys (hash tag {name}) live on this node. */
  private String queueOn(int node, String stem) {
    SlotMove move = slotMove();
    for (int i = 0; i < 10_000; i++) {
      String q = stem + i;
      if (move.ownerOf(move.slotOf("{" + q + "}")) == node) {
        return q;
      }
    }
    throw new IllegalStateException("no queue name found for node " + node);
  }

  private SlotMove slotMove() {
    return new SlotMove(ports);
  }

  @Override
  public Fault injectFault() {
    String queue = queues.get(0);
    SlotMove move = slotMove();
    int slot = move.slotOf("{" + queue + "}");
    int from = move.ownerOf(slot);
    int to = (from + 1) % MASTERS;
    long t = System.nanoTime();
    int keys = move.move(slot, to);
    Duration took = Duration.ofNanos(System.nanoTime() - t);
    return new Fault(took, String.format("moved slot %d (queue %s, %d keys) from master %d to master %d in %s s",
        slot, queue, keys, from + 1, to + 1, Chaos.seconds(took)));
  }

  @Override
  public String url() {
    return "redis://" + ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  @Override
  public String describe() {
    return "Redis Cluster of " + MASTERS + " masters at " + url() + ", queues " + queues + " one per master, data in "
        + dir;
  }

  @Override
  public List<String> queues() {
    return List.copyOf(queues);
  }

  @Override
  public String faultName() {
    return "slot moves";
  }

  @Override
  public synchronized void stop() {
    for (Process p : servers) {
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    servers.clear();
  }

  /** A free port whose bus port (port + 10000) is free too. */
  private static int freePortPair() throws IOException {
    Random random = new Random();
    for (int i = 0; i < 200; i++) {
      int port = 20_000 + random.nextInt(30_000);
      if (free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free port pair (port, port + 10000) found on 127.0.0.1");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
