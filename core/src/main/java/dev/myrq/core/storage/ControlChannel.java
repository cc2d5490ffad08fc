package dev.myrq.core.storage;

import dev.myrq.core.ControlListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A subscription to the control channels of some queues, handing their messages to one listener. */
final class ControlChannel implements AutoCloseable {
  private final StatefulRedisPubSubConnection<String, String> conn;

  ControlChannel(
      StatefulRedisPubSubConnection<String, String> conn, Keys keys, List<String> queues, ControlListener listener) {
    this.conn = conn;
    Map<String, String> queueByChannel = new HashMap<>();
    queues.forEach(q -> queueByChannel.put(keys.control(q), q));
    conn.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            String q = queueByChannel.get(channel);
            if (q != null) {
              dispatch(q, message, listener);
            }
          }
        });
    Await.result(conn, conn.async().subscribe(queueByChannel.keySet().toArray(new String[0])));
  }

  private static void dispatch(String queue, String message, ControlListener listener) {
    if (message.startsWith("cancel ")) {
      listener.canceled(queue, message.substring("cancel ".length()));
    } else if (message.equals("pause")) {
      listener.paused(queue);
    } else if (message.equals("resume")) {
      listener.resumed(queue);
    }
  }

  @Override
  public void close() {
    conn.close();
  }
}
