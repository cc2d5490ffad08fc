package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.CronEntry;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code myrq cron add | list | remove} on a real Redis. */
@ExtendWith(RedisExtension.class)
class CronCommandTest {

  @Test
  void add_list_and_remove_an_entry(TestRedis redis, MyrqClient client) {
    Cli.Run add = myrq(redis, "cron", "add", "sum", "*/5 * * * *", "com.acme.Task.add", "1", "2", "--queue", "low",
        "--timeout", "30s", "--tz", "Europe/Paris");
    assertEquals(0, add.code(), add.err());
    assertEquals("", add.out());
    assertTrue(add.err().startsWith("recurring entry sum added; next tick "), add.err());
    CronEntry e = client.cronEntries().get(0);
    assertEquals("low", e.job().queue());
    assertEquals(Duration.ofSeconds(30), e.job().timeout());
    assertEquals("[1,2]", e.job().args());

    Cli.Run list = myrq(redis, "cron", "list");
    assertEquals(0, list.code(), list.err());
    String[] lines = list.out().split("\n");
    assertTrue(lines[0].matches("NAME +CRON +TZ +QUEUE +FUNC +ARGS +LAST +NEXT"), lines[0]);
    assertTrue(lines[1].matches("sum +\\*/5 \\* \\* \\* \\* +Europe/Paris +low +com.acme.Task.add +\\[1,2] +- +\\S+Z"), lines[1]);
    Cli.Run json = myrq(redis, "cron", "list", "--json");
    assertTrue(json.out().startsWith("[{\"name\":\"sum\",\"cron\":\"*/5 * * * *\",\"tz\":\"Europe/Paris\""), json.out());

    Cli.Run remove = myrq(redis, "cron", "remove", "sum");
    assertEquals(0, remove.code(), remove.err());
    assertTrue(client.cronEntries().isEmpty());
  }

  @Test
  void a_cron_expression_that_does_not_parse_is_one_line_and_exit_2(TestRedis redis) {
    Cli.Run run = myrq(redis, "cron", "add", "bad", "61 * * * *", "com.acme.Task.noop");
    assertEquals(2, run.code());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("myrq: cron expression '61 * * * *' does not parse: "), run.err());
    Cli.Run fields = myrq(redis, "cron", "add", "bad", "* * *", "com.acme.Task.noop");
    assertEquals(2, fields.code());
    assertEquals("myrq: cron expression '* * *' does not parse: it needs 5 fields (minute hour day-of-month month "
        + "day-of-week)\n", fields.err());
    assertTrue(redis.raw().keys("*").isEmpty());
  }

  @Test
  void an_unknown_zone_or_a_bad_func_is_exit_2_and_an_unknown_name_exit_3(TestRedis redis) {
    Cli.Run zone = myrq(redis, "cron", "add", "x", "* * * * *", "com.acme.Task.noop", "--tz", "Mars/Base");
    assertEquals(2, zone.code());
    assertEquals("myrq: time zone 'Mars/Base' is not known; use a name such as Europe/Paris or UTC\n", zone.err());
    Cli.Run func = myrq(redis, "cron", "add", "x", "* * * * *", "Task");
    assertEquals(2, func.code());
    Cli.Run remove = myrq(redis, "cron", "remove", "nope");
    assertEquals(3, remove.code());
    assertEquals("myrq: no such recurring entry: nope\n", remove.err());
    Cli.Run none = myrq(redis, "cron");
    assertEquals(2, none.code());
  }
}
