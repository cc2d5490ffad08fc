package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class CronTest {
  private static final Instant T = Instant.parse("2026-03-10T09:17:42Z");

  @Test
  void last_and_next_tick_follow_the_expression_in_its_zone() {
    CronSchedule every5 = CronSchedule.parse("*/5 * * * *", ZoneOffset.UTC);
    assertEquals(Instant.parse("2026-03-10T09:15:00Z"), every5.lastTick(T).orElseThrow());
    assertEquals(Instant.parse("2026-03-10T09:20:00Z"), every5.nextTick(T).orElseThrow());
    assertEquals(Instant.parse("2026-03-10T09:15:00Z"), every5.lastTick(Instant.parse("2026-03-10T09:15:00Z")).orElseThrow());
    CronSchedule paris = CronSchedule.parse("30 2 * * *", ZoneId.of("Europe/Paris"));
    assertEquals(Instant.parse("2026-03-10T01:30:00Z"), paris.lastTick(T).orElseThrow());
  }

  @Test
  void an_expression_that_does_not_parse_is_one_line_naming_it() {
    for (String bad : List.of("61 * * * *", "* * *", "* * * * * *", "every minute", "")) {
      InvalidJobException e = assertThrows(InvalidJobException.class, () -> CronSchedule.parse(bad, ZoneOffset.UTC));
      assertTrue(e.getMessage().startsWith("cron expression '" + bad.strip() + "' does not parse: "), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void entries_are_added_listed_replaced_and_removed(MyrqClient client, TestRedis redis) {
    JobRequest job = JobRequest.of("com.acme.Task.add", 1, 2).withQueue("low").withTimeout(Duration.ofSeconds(30))
        .withKwargs(Map.of("x", 1));
    CronEntry added = client.addCron(CronEntry.of("sum", CronSchedule.parse("*/5 * * * *", ZoneId.of("Europe/Paris")), job));
    assertTrue(added.addedAt() != null);
    CronEntry read = client.cronEntries().get(0);
    assertEquals("sum", read.name());
    assertEquals("*/5 * * * *", read.schedule().expression());
    assertEquals(ZoneId.of("Europe/Paris"), read.schedule().zone());
    assertEquals("[1,2]", read.job().args());
    assertEquals("{\"x\":1}", read.job().kwargs());
    assertEquals("low", read.job().queue());
    assertEquals(Duration.ofSeconds(30), read.job().timeout());
    assertEquals(added.addedAt().toEpochMilli(), read.addedAt().toEpochMilli());

    client.addCron(CronEntry.of("sum", CronSchedule.parse("0 * * * *", ZoneOffset.UTC), job));
    assertEquals(1, client.cronEntries().size());
    assertEquals("0 * * * *", client.cronEntries().get(0).schedule().expression());
    client.removeCron("sum");
    assertTrue(client.cronEntries().isEmpty());
    CronEntryNotFoundException e = assertThrows(CronEntryNotFoundException.class, () -> client.removeCron("sum"));
    assertEquals("no such recurring entry: sum", e.getMessage());
  }

  @Test
  void a_tick_is_enqueued_once_and_a_later_tick_again(MyrqClient client, TestRedis redis) {
    CronEntry e = new CronEntry("sum", CronSchedule.parse("* * * * *", ZoneOffset.UTC),
        JobRequest.of("com.acme.Task.add", 1, 2), Instant.parse("2026-01-01T00:00:00Z"));
    Instant tick = Instant.parse("2026-03-10T09:17:00Z");
    Optional<String> first = client.enqueueCronTick(e, tick);
    assertTrue(first.isPresent());
    assertEquals(Optional.empty(), client.enqueueCronTick(e, tick));
    assertEquals(Optional.empty(), client.enqueueCronTick(e, tick.minusSeconds(60)), "an older tick is not run");
    assertTrue(client.enqueueCronTick(e, tick.plusSeconds(60)).isPresent());
    assertEquals(2L, redis.raw().llen("myrq:{default}:queue"));
    assertEquals(Long.toString(tick.plusSeconds(60).toEpochMilli()), redis.raw().hget("myrq:{default}:cron", "sum"));
    assertEquals("[1,2]", client.job(first.get()).args());
  }

  @Test
  void ticks_before_the_entry_was_added_are_not_due() {
    CronEntry e = new CronEntry("sum", CronSchedule.parse("0 * * * *", ZoneOffset.UTC),
        JobRequest.of("com.acme.Task.noop"), Instant.parse("2026-03-10T09:10:00Z"));
    assertEquals(Optional.empty(), e.dueTick(T));
    assertEquals(Instant.parse("2026-03-10T12:00:00Z"), e.dueTick(Instant.parse("2026-03-10T12:59:00Z")).orElseThrow(),
        "after hours without a worker, the latest missed tick is due, once");
  }

  @Test
  void a_bad_entry_name_is_refused(MyrqClient client) {
    assertThrows(InvalidJobException.class,
        () -> client.addCron(CronEntry.of("a b", CronSchedule.parse("* * * * *", ZoneOffset.UTC), JobRequest.of("com.acme.Task.noop"))));
  }
}
