package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Redaction by parsing: every URL form Lettuce accepts, and strings that are no URL. */
class RedisUrlTest {

  @Test
  void the_password_is_masked_in_every_url_form() {
    assertEquals("redis://***@host:6379", RedisUrl.redact("redis://s3cretPW@host:6379"));
    assertEquals("redis://:***@host:6379/2", RedisUrl.redact("redis://:s3cretPW@host:6379/2"));
    assertEquals("redis://ann:***@host:6379", RedisUrl.redact("redis://ann:s3cretPW@host:6379"));
    assertEquals("redis://ann:***@host:6379", RedisUrl.redact("redis://ann:s3/cr@et:PW@host:6379"));
    assertEquals("rediss://:***@host:6380", RedisUrl.redact("rediss://:pa%2Fss@host:6380"));
    assertEquals("redis-sentinel://:***@h1:26379,h2:26379/0#mymaster",
        RedisUrl.redact("redis-sentinel://:pw@h1:26379,h2:26379/0#mymaster"));
    assertEquals("redis-socket:///tmp/redis.sock?password=***&db=1",
        RedisUrl.redact("redis-socket:///tmp/redis.sock?password=s3cret&db=1"));
    assertEquals("***@host:6379", RedisUrl.redact("s3cret@host:6379"));
    assertEquals("redis://host:6379", RedisUrl.redact("redis://host:6379"));
  }

  @Test
  void scrub_removes_the_password_from_any_text_raw_or_decoded() {
    String url = "redis://:pa%2Fss@host:6379";
    String text = "bad URL redis://:pa%2Fss@host:6379: password pa/ss rejected";
    String scrubbed = RedisUrl.scrub(text, url);
    assertFalse(scrubbed.contains("pa/ss") || scrubbed.contains("pa%2Fss"), scrubbed);
  }
}
