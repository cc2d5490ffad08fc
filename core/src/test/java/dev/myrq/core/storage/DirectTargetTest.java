package dev.myrq.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.myrq.core.RedisSettings;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The socket transport reads a plain redis:// URL as Lettuce does, and leaves every other URL to Lettuce. */
class DirectTargetTest {
  @Test
  void plain_urls_are_read_as_lettuce_reads_them() {
    for (String url : new String[] {
        "redis://127.0.0.1:6390", "redis://localhost", "redis://h:1/0", "redis://h:6380/15", "redis://:pa%40ss@h:1",
        "redis://s3cret@h:2", "redis://app:pw:with:colons@h:3/2", "redis://default:p%2Fw@redis.example.com:6379/",
        "rediss://:pw@h:6380/1", "rediss://localhost"}) {
      DirectTarget t = DirectTarget.parse(RedisSettings.of(url));
      RedisURI lettuce = RedisURI.create(url);
      assertEquals(lettuce.getHost(), t.host(), url);
      assertEquals(lettuce.getPort(), t.port(), url);
      assertEquals(lettuce.getDatabase(), t.database(), url);
      assertEquals(lettuce.isSsl(), t.tls(), url);
      RedisCredentials c = lettuce.getCredentialsProvider().resolveCredentials().block();
      assertEquals(c == null ? null : c.getUsername(), t.user(), url);
      assertArrayEquals(c == null || !c.hasPassword() ? null : c.getPassword(), t.password(), url);
    }
  }

  @Test
  void several_hosts_sentinel_and_options_are_left_to_lettuce() {
    for (String url : new String[] {
        "rediss://h:1,h:2", "redis://h:1,h:2", "rediss://h:1?verifyPeer=false", "redis-sentinel://h:26379#m", "redis://h:1?timeout=5s", "redis://h:1/x",
        "redis://[::1]:6379", "redis://user:@h:1", "redis-socket:///tmp/redis.sock"}) {
      assertNull(DirectTarget.parse(RedisSettings.of(url)), url);
    }
  }

  @Test
  void password_file_wins_and_the_text_form_shows_no_credentials() throws Exception {
    Path f = Files.createTempFile("myrq-pw", "");
    Files.writeString(f, "from-file\n");
    DirectTarget t = DirectTarget.parse(RedisSettings.of("redis://app:in-url@h:7").withPasswordFile(f));
    assertEquals("app", t.user());
    assertArrayEquals("from-file".toCharArray(), t.password());
    assertEquals("h:7", t.toString());
    assertFalse(t.toString().contains("from-file"));
  }
}
