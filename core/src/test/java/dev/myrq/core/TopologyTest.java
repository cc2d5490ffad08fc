package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.core.testing.TestSentinel;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topology comes from the URL: one server, several seeds (only for a cluster), or Sentinel. */
@ExtendWith(RedisExtension.class)
class TopologyTest {
  private static TestSentinel sentinel;

  @BeforeAll
  static void startSentinel() {
    sentinel = new TestSentinel();
  }

  @AfterAll
  static void stopSentinel() {
    sentinel.close();
  }

  @Test
  void a_sentinel_url_with_both_passwords_reaches_the_master() {
    try (MyrqClient client = MyrqClient.connect(sentinel.url(TestSentinel.DATA_PASSWORD))) {
      String id = client.enqueue("com.acme.Task.add", 1, 2);
      assertEquals(JobStatus.QUEUED, client.status(id));
      int master = sentinel.masterPort();
      assertEquals(Long.valueOf(1), sentinel.<Long>withData(master, c -> c.llen("myrq:{default}:queue")));
    }
  }

  @Test
  void a_wrong_sentinel_password_fails_without_showing_either_password() {
    String url = "redis-sentinel://:" + TestSentinel.DATA_PASSWORD + "@" + sentinel.sentinel().hostPort()
        + "?sentinel_password=wrong-secret#" + TestSentinel.MASTER_NAME;
    MyrqException e =
        assertThrows(
            MyrqException.class,
            () -> MyrqClient.connect(RedisSettings.of(url).withTimeout(Duration.ofSeconds(2))).close());
    assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    assertFalse(e.getMessage().contains(TestSentinel.DATA_PASSWORD), e.getMessage());
  }

  @Test
  void a_sentinel_url_without_a_master_name_is_bad_input() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> MyrqClient.connect("redis-sentinel://:s3cret@" + sentinel.sentinel().hostPort()));
    assertTrue(e.getMessage().contains("#<master name>"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void several_hosts_naming_a_standalone_server_are_refused(TestRedis redis) {
    String url = redis.url() + ",127.0.0.1:1";
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MyrqClient.connect(url));
    assertTrue(e.getMessage().contains("not a Redis Cluster node"), e.getMessage());
  }

  @Test
  void the_sentinel_password_is_redacted_too() {
    assertEquals(
        "redis-sentinel://:***@h:26379?sentinel_password=***#m",
        RedisUrl.redact("redis-sentinel://:a@h:26379?sentinel_password=b#m"));
  }
}
