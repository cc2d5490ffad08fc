package dev.myrq.tools.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * Move one hash slot to another master as {@code redis-cli --cluster reshard} does: SETSLOT IMPORTING on the
 * target, MIGRATING on the owner, MIGRATE the slot's keys a batch at a time (with a pause between batches, so the
 * slot stays half moved a while under load), then SETSLOT NODE on the target, the old owner and the rest. The
 * masters are named by their ports on 127.0.0.1.
 */
record SlotMove(List<Integer> ports) {
  static final int KEYS_PER_BATCH = 20;
  static final long PAUSE_MS = 50;

  /** Move the slot to master {@code to} (an index into ports); return the number of keys moved. */
  int move(int slot, int to) {
    int from = ownerOf(slot);
    if (from == to) {
      return 0;
    }
    String toId = id(to);
    String s = "" + slot;
    RedisCli.run(ports.get(to), "cluster", "setslot", s, "importing", id(from));
    RedisCli.run(ports.get(from), "cluster", "setslot", s, "migrating", toId);
    int moved = 0;
    for (List<String> keys = batch(from, slot); !keys.isEmpty(); keys = batch(from, slot)) {
      List<String> migrate = new ArrayList<>(List.of("migrate", "127.0.0.1", "" + ports.get(to), "", "0", "10000",
          "replace", "keys"));
      migrate.addAll(keys);
      RedisCli.run(ports.get(from), migrate.toArray(new String[0]));
      moved += keys.size();
      sleep();
    }
    RedisCli.run(ports.get(to), "cluster", "setslot", s, "node", toId);
    RedisCli.run(ports.get(from), "cluster", "setslot", s, "node", toId);
    for (int i = 0; i < ports.size(); i++) {
      if (i != from && i != to) {
        RedisCli.run(ports.get(i), "cluster", "setslot", s, "node", toId);
      }
    }
    return moved;
  }

  /** The index of the master serving this slot now, from CLUSTER NODES on the first one. */
  int ownerOf(int slot) {
    for (String line : RedisCli.run(ports.get(0), "cluster", "nodes")) {
      String[] f = line.split(" ");
      int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
      for (int i = 8; i < f.length; i++) {
        if (!f[i].startsWith("[") && covers(f[i], slot)) {
          return ports.indexOf(port);
        }
      }
    }
    throw new IllegalStateException("no master serves slot " + slot);
  }

  /** The slot of a key, as the cluster computes it (CLUSTER KEYSLOT). */
  int slotOf(String key) {
    return Integer.parseInt(RedisCli.run(ports.get(0), "cluster", "keyslot", key).get(0).strip());
  }

  /** A slot field of CLUSTER NODES, "5461-10922" or "4241", covers the slot. */
  private static boolean covers(String range, int slot) {
    int dash = range.indexOf('-');
    int lo = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
    int hi = dash < 0 ? lo : Integer.parseInt(range.substring(dash + 1));
    return slot >= lo && slot <= hi;
  }

  private String id(int node) {
    return RedisCli.run(ports.get(node), "cluster", "myid").get(0).strip();
  }

  private List<String> batch(int node, int slot) {
    return RedisCli.run(ports.get(node), "cluster", "getkeysinslot", "" + slot, "" + KEYS_PER_BATCH);
  }

  private static void sleep() {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("slot move interrupted", e);
    }
  }
}
