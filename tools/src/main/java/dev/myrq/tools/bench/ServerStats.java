package dev.myrq.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The few server commands the benchmark itself needs (FLUSHALL, INFO) on a socket of its own: they measure the
 * Redis server, not myrq, so they bypass myrq's client. Speaks just enough RESP for these replies.
 */
final class ServerStats implements AutoCloseable {
  private final java.net.Socket socket;
  private final java.io.BufferedInputStream in;
  private final java.io.OutputStream out;

  ServerStats(int port) throws IOException {
    socket = new java.net.Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void flushAll() {
    call("FLUSHALL");
  }

  /** CPU time the Redis server has used (user + system), in microseconds. */
  long cpuMicros() {
    String info = call("INFO", "cpu");
    return (long) ((Double.parseDouble(infoField(info, "used_cpu_user"))
        + Double.parseDouble(infoField(info, "used_cpu_sys"))) * 1e6);
  }

  long usedMemory() {
    return Long.parseLong(infoField(call("INFO", "memory"), "used_memory"));
  }

  /** Command name to {calls, usec}. */
  Map<String, long[]> commandStats() {
    Map<String, long[]> out = new HashMap<>();
    for (String line : call("INFO", "commandstats").split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String name = line.substring("cmdstat_".length(), line.indexOf(':'));
      Map<String, String> kv = new HashMap<>();
      for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
        String[] p = part.split("=", 2);
        kv.put(p[0], p[1]);
      }
      out.put(name, new long[] {Long.parseLong(kv.get("calls")), Long.parseLong(kv.get("usec"))});
    }
    return out;
  }

  static String infoField(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).trim();
      }
    }
    throw new IllegalStateException("INFO has no field " + field);
  }

  /** Send one command; return its simple or bulk string reply. */
  private synchronized String call(String... args) {
    try {
      StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      String head = line();
      switch (head.charAt(0)) {
        case '+':
          return head.substring(1);
        case '$':
          byte[] body = in.readNBytes(Integer.parseInt(head.substring(1)) + 2);
          return new String(body, 0, body.length - 2, StandardCharsets.UTF_8);
        default:
          throw new IllegalStateException("Redis answered " + String.join(" ", args) + " with " + head);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      b.append((char) c);
    }
    in.read();
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
