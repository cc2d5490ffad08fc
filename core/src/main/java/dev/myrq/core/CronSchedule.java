package dev.myrq.core;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A standard 5-field cron expression (minute hour day-of-month month day-of-week) read in a time zone, and its
 * ticks. Immutable and thread-safe.
 */
public final class CronSchedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime times;

  private CronSchedule(String expression, ZoneId zone, Cron cron) {
    this.expression = expression;
    this.zone = zone;
    this.times = ExecutionTime.forCron(cron);
  }

  /**
   * Read an expression in a zone.
   *
   * @throws InvalidJobException naming the expression and what is wrong with it, in one line
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    String e = expression == null ? "" : expression.strip();
    if (e.split("\\s+").length != 5) {
      throw new InvalidJobException(
          "cron expression '" + e + "' does not parse: it needs 5 fields (minute hour day-of-month month day-of-week)");
    }
    try {
      return new CronSchedule(e, zone, PARSER.parse(e).validate());
    } catch (IllegalArgumentException ex) {
      throw new InvalidJobException("cron expression '" + e + "' does not parse: " + firstLine(ex.getMessage()));
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The latest tick at or before {@code now}, if any. */
  public Optional<Instant> lastTick(Instant now) {
    ZonedDateTime t = now.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    if (times.isMatch(t)) {
      return Optional.of(t.toInstant());
    }
    return times.lastExecution(t).map(ZonedDateTime::toInstant);
  }

  /** The first tick after {@code now}, if any. */
  public Optional<Instant> nextTick(Instant now) {
    return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid expression";
    }
    String line = s.strip().split("\\R", 2)[0];
    return line.length() <= 160 ? line : line.substring(0, 157) + "...";
  }
}
