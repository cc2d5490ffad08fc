package dev.myrq.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What pause and resume print: {@code default paused}, or {@code {"queue":"default","paused":true}}. */
final class QueueStateLine {
  private QueueStateLine() {}

  static void print(String queue, boolean paused, JsonMixin json, PrintWriter out) {
    if (json.enabled) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("queue", queue);
      o.put("paused", paused);
      json.print(o);
    } else {
      out.println(queue + " " + (paused ? "paused" : "active"));
    }
  }
}
