package dev.myrq.core;

import java.util.List;

/**
 * The fields of a recurring entry's JSON definition ({@link CronEntry}), as README's "Recurring entry format" lists
 * them: in Redis and in the JSON {@code myrq cron list --json} prints.
 */
public final class CronFields {
  public static final String CRON = "cron";
  public static final String TZ = "tz";
  public static final String FUNC = "func";
  public static final String ARGS = "args";
  public static final String KWARGS = "kwargs";
  public static final String QUEUE = "queue";
  public static final String TIMEOUT = "timeout";
  public static final String ADDED_AT = "added_at";
  public static final List<String> FIELDS = List.of(CRON, TZ, FUNC, ARGS, KWARGS, QUEUE, TIMEOUT, ADDED_AT);


  private CronFields() {}
}
