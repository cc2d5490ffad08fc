package dev.myrq.core.testing;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters (no replicas) from the system's redis-server in cluster mode, on free loopback
 * ports (bus port = port + 10000), created with {@code redis-cli --cluster create}. One per test JVM ({@link
 * #shared()}); tests flush it with {@link #flushAll()}.
 */
public final class TestCluster implements AutoCloseable {
  private static TestCluster shared;

  private final List<RedisProcess> nodes = new ArrayList<>();
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<StatefulRedisConnection<String, String>> conns = new ArrayList<>();

  private TestCluster(int masters) {
    try {
      Path dir = Files.createTempDirectory("myrq-cluster");
      for (int i = 0; i < masters; i++) {
        int port = RedisProcess.freePort(true);
        nodes.add(RedisProcess.server(port, dir.resolve("node-" + port), "cluster-enabled yes",
            "cluster-config-file nodes.conf", "cluster-node-timeout 5000", "cluster-require-full-coverage no"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    create();
  }

  /** The JVM's test cluster, started on first use and stopped when the JVM exits. */
  public static synchronized TestCluster shared() {
    if (shared == null) {
      shared = new TestCluster(3);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  private void create() {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(n -> cmd.add(n.hostPort()));
    cmd.add("--cluster-yes");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (RedisProcess n : nodes) {
      RedisClient c = RedisClient.create(RedisURI.create("redis://" + n.hostPort()));
      clients.add(c);
      conns.add(c.connect());
    }
    awaitState("ok");
  }

  private void awaitState(String state) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (conns.stream().allMatch(c -> c.sync().clusterInfo().contains("cluster_state:" + state))) {
        return;
      }
      RedisProcess.sleep(100);
    }
    throw new IllegalStateException("cluster did not reach state " + state);
  }

  /** A URL naming every node as a seed: {@code redis://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
  public String url() {
    return "redis://" + nodes.stream().map(RedisProcess::hostPort).collect(Collectors.joining(","));
  }

  /** A URL naming one node only. */
  public String nodeUrl(int i) {
    return "redis://" + nodes.get(i).hostPort();
  }

  public int size() {
    return nodes.size();
  }

  /** Raw commands to one node (not cluster-aware: keys must live on that node). */
  public RedisCommands<String, String> raw(int node) {
    return conns.get(node).sync();
  }

  /** Delete every key on every node. */
  public void flushAll() {
    conns.forEach(c -> c.sync().flushall());
  }

  /** The node that serves this slot now (by asking node 0). */
  public int ownerOf(int slot) {
    for (Object o : raw(0).clusterSlots()) {
      List<?> range = (List<?>) o;
      long from = (Long) range.get(0);
      long to = (Long) range.get(1);
      if (slot >= from && slot <= to) {
        long port = (Long) ((List<?>) range.get(2)).get(1);
        for (int i = 0; i < nodes.size(); i++) {
          if (nodes.get(i).port() == port) {
            return i;
          }
        }
      }
    }
    throw new IllegalStateException("no node serves slot " + slot);
  }

  /** The slot of a queue's keys (its hash tag). */
  public static int slotOfQueue(String queue) {
    return SlotHash.getSlot("{" + queue + "}");
  }

  /** A queue name, starting with {@code stem}, whose keys live on this node. */
  public String queueOn(int node, String stem) {
    for (int i = 0; i < 10_000; i++) {
      String q = stem + i;
      if (ownerOf(slotOfQueue(q)) == node) {
        return q;
      }
    }
    throw new IllegalStateException("no queue name found for node " + node);
  }

  /**
   * Move a slot to another node as {@code redis-cli --cluster reshard} does: SETSLOT IMPORTING on the target,
   * MIGRATING on the source, MIGRATE the keys {@code keysPerStep} at a time (pausing {@code pause} between steps,
   * so the slot stays half-moved a while under load), then SETSLOT NODE on every node. Returns the keys moved.
   */
  public int migrateSlot(int slot, int to, int keysPerStep, Duration pause) {
    int from = ownerOf(slot);
    if (from == to) {
      return 0;
    }
    beginMove(slot, to);
    int moved = 0;
    while (true) {
      List<String> keys = raw(from).clusterGetKeysInSlot(slot, keysPerStep);
      if (keys.isEmpty()) {
        break;
      }
      moveKeys(from, to, keys);
      moved += keys.size();
      if (!pause.isZero()) {
        RedisProcess.sleep(pause.toMillis());
      }
    }
    endMove(slot, from, to);
    return moved;
  }

  /** Start moving a slot to node {@code to}: SETSLOT IMPORTING on the target, then MIGRATING on the owner. */
  public void beginMove(int slot, int to) {
    int from = ownerOf(slot);
    raw(to).clusterSetSlotImporting(slot, raw(from).clusterMyId());
    raw(from).clusterSetSlotMigrating(slot, raw(to).clusterMyId());
  }

  /** MIGRATE these keys from node {@code from} to node {@code to}, as one step of a slot move. */
  public void moveKeys(int from, int to, List<String> keys) {
    raw(from).migrate("127.0.0.1", nodes.get(to).port(), 0, 10_000, MigrateArgs.Builder.keys(keys).replace());
  }

  /** Move the slot's remaining keys and end the move: SETSLOT NODE on the target, the old owner, then the rest. */
  public void endMove(int slot, int from, int to) {
    for (List<String> keys = raw(from).clusterGetKeysInSlot(slot, 100); !keys.isEmpty();
        keys = raw(from).clusterGetKeysInSlot(slot, 100)) {
      moveKeys(from, to, keys);
    }
    String toId = raw(to).clusterMyId();
    raw(to).clusterSetSlotNode(slot, toId);
    raw(from).clusterSetSlotNode(slot, toId);
    for (int i = 0; i < nodes.size(); i++) {
      if (i != from && i != to) {
        raw(i).clusterSetSlotNode(slot, toId);
      }
    }
  }

  @Override
  public void close() {
    conns.forEach(StatefulRedisConnection::close);
    clients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(1)));
    nodes.forEach(RedisProcess::close);
  }
}
