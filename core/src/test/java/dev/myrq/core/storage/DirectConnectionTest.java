package dev.myrq.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The RESP2 codec of the blocking connection against a real Redis: every reply type, as Lettuce's MULTI gives. */
@ExtendWith(RedisExtension.class)
class DirectConnectionTest {
  private DirectConnection c;

  @BeforeEach
  void open(TestRedis redis) {
    c = DirectConnection.open(new DirectTarget("127.0.0.1", redis.port(), false, null, null, null, 0, Duration.ofSeconds(5)));
  }

  @AfterEach
  void close() {
    c.close();
  }

  @Test
  void status_integer_bulk_and_nil_replies_decode_to_string_long_string_and_null() {
    assertEquals("OK", c.call("SET", "k", "v"));
    assertEquals(1L, c.call("INCR", "n"));
    assertEquals(-5L, c.call("DECRBY", "m", "5"));
    assertEquals("v", c.call("GET", "k"));
    assertNull(c.call("GET", "missing"));
    assertEquals("", c.call("ECHO", ""));
  }

  @Test
  void big_bulk_with_multibyte_text_round_trips() {
    String big = "é€😀x".repeat(300_000); // about 3 MB in UTF-8, beyond every buffer
    assertEquals("OK", c.call("SET", "big", big));
    assertEquals(big, c.call("GET", "big"));
    assertEquals("after", c.call("ECHO", "after"));
  }

  @Test
  void nested_arrays_empty_arrays_and_nils_inside_arrays() {
    Object r = c.call("EVAL", "return {1, {2, 'x', {}}, 'y', false, -3}", "0");
    assertEquals(List.of(1L, List.of(2L, "x", List.of()), "y"), ((List<?>) r).subList(0, 3));
    assertNull(((List<?>) r).get(3));
    assertEquals(-3L, ((List<?>) r).get(4));
    assertEquals(List.of(), c.call("SMEMBERS", "none"));
    assertNull(c.call("EVAL", "return false", "0"));
  }

  @Test
  void error_reply_is_lettuces_exception_and_the_connection_stays_usable() {
    c.call("SET", "k", "text");
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> c.call("INCR", "k"));
    assertTrue(e.getMessage().startsWith("ERR"), e.getMessage());
    assertThrows(RedisNoScriptException.class, () -> c.call("EVALSHA", "0".repeat(40), "0"));
    assertEquals("still", c.call("ECHO", "still"));
  }

  @Test
  void error_inside_an_array_is_an_exception_in_the_list() {
    Object r = c.call("EVAL", "return {1, redis.error_reply('MYERR inner')}", "0");
    assertEquals(1L, ((List<?>) r).get(0));
    assertInstanceOf(RedisCommandExecutionException.class, ((List<?>) r).get(1));
  }

  @Test
  void pipeline_reads_every_reply_then_throws_the_first_error() {
    c.call("SET", "t", "text");
    assertThrows(RedisCommandExecutionException.class,
        () -> c.pipeline(List.of(new String[] {"INCR", "t"}, new String[] {"SET", "after", "1"})));
    assertEquals("1", c.call("GET", "after"));
    assertEquals(List.of("a", 7L), c.pipeline(List.of(new String[] {"ECHO", "a"}, new String[] {"SADD", "s", "1", "2", "3", "4", "5", "6", "7"})));
  }
}
