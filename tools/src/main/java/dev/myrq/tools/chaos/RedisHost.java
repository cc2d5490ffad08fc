package dev.myrq.tools.chaos;

import dev.myrq.core.JobRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.embedded.RedisServer;

/** An append-only redis-server on 127.0.0.1 that can be restarted on the same port and data directory. */
final class RedisHost implements RedisTarget {
  private final int port;
  private final Path dir;
  private volatile RedisServer server;

  RedisHost(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  @Override
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  Path dir() {
    return dir;
  }

  @Override
  public String describe() {
    return "Redis listening at " + url() + ", append-only data in " + dir;
  }

  @Override
  public List<String> queues() {
    return List.of(JobRequest.DEFAULT_QUEUE);
  }

  @Override
  public String faultName() {
    return "Redis restarts";
  }

  @Override
  public Fault injectFault() throws InterruptedException {
    Duration down = restart();
    return new Fault(down, "restarted Redis (down " + Chaos.seconds(down) + " s, AOF reloaded)");
  }

  @Override
  public void start() {
    RedisServer s = RedisServer.builder().port(port).bind("127.0.0.1").setting("appendonly yes")
        .setting("appendfsync everysec").setting("save \"\"").setting("dir " + dir).build();
    s.start();
    server = s;
  }

  /** SIGTERM (Redis writes its AOF out and exits) and wait for the process. */
  @Override
  public synchronized void stop() {
    RedisServer s = server;
    if (s != null && s.isActive()) {
      s.stop();
    }
  }

  /** Stop, wait 1 s, start again so the AOF reloads; return how long Redis was away. */
  Duration restart() throws InterruptedException {
    long t = System.nanoTime();
    stop();
    Thread.sleep(1000);
    start();
    return Duration.ofNanos(System.nanoTime() - t);
  }
}
