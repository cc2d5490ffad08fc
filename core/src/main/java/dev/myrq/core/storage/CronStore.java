package dev.myrq.core.storage;

import static dev.myrq.core.CronFields.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.myrq.core.CronEntry;
import dev.myrq.core.CronEntryNotFoundException;
import dev.myrq.core.CronSchedule;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The recurring entries: their definitions in the global {@code myrq:cron} HASH (plain commands only, never in a
 * script with queue keys), and the claim of a tick, which is the enqueue script's (in the queue's hash tag).
 */
final class CronStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final RedisLink conn;
  private final Keys keys;
  private final QueueStore queues;

  CronStore(RedisLink conn, Keys keys, QueueStore queues) {
    this.conn = conn;
    this.keys = keys;
    this.queues = queues;
  }

  /**
   * Check an entry's name and job.
   *
   * @throws InvalidJobException naming what is wrong
   */
  public static void validate(CronEntry e) {
    if (!NAME.matcher(e.name()).matches()) {
      throw new InvalidJobException("recurring entry name '" + e.name() + "' must be 1 to 64 letters, digits, '_', "
          + "'.', ':' or '-'");
    }
    JobHash.validate(e.job(), dev.myrq.core.MyrqClient.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /** Add or replace an entry; return it as stored (with its added time, Redis's clock). */
  public CronEntry add(CronEntry e) {
    validate(e);
    List<String> time = conn.sync().time();
    Instant now = Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1000);
    CronEntry stored = new CronEntry(e.name(), e.schedule(), e.job(), e.addedAt() != null ? e.addedAt() : now);
    conn.sync().hset(keys.cron(), e.name(), toJson(stored));
    return stored;
  }

  /**
   * Every entry, by name; an entry whose definition no longer reads is left out. Awaits the asynchronous call: a
   * worker asks every second from its start, and the synchronous API would be built for it (see LeanRedisClient).
   */
  public List<CronEntry> list() {
    List<CronEntry> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(Await.result(conn, conn.async().hgetall(keys.cron()))).entrySet()) {
      try {
        out.add(fromJson(e.getKey(), e.getValue()));
      } catch (RuntimeException ex) {
        org.slf4j.LoggerFactory.getLogger(CronStore.class)
            .warn("Recurring entry {} is not readable, skipped: {}", e.getKey(), ex.getMessage());
      }
    }
    return out;
  }

  /**
   * Remove an entry (its last-tick record too).
   *
   * @throws CronEntryNotFoundException when there is none by this name
   */
  public void remove(String name) {
    String json = conn.sync().hget(keys.cron(), name);
    if (json == null) {
      throw new CronEntryNotFoundException(name);
    }
    conn.sync().hdel(keys.cron(), name);
    try {
      conn.sync().hdel(keys.cronTicks(fromJson(name, json).job().queueOrDefault()), name);
    } catch (RuntimeException e) {
      // an unreadable definition has no queue to clean up
    }
  }

  /** The last tick enqueued for an entry, if any. */
  public Optional<Instant> lastTick(CronEntry e) {
    String v = Await.result(conn, conn.async().hget(keys.cronTicks(e.job().queueOrDefault()), e.name()));
    return v == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
  }

  /** Enqueue the entry's job for this tick unless another enqueue claimed it; return the new job's id. */
  public Optional<String> enqueueTick(CronEntry e, Instant tick) {
    return queues.enqueueTick(e.job(), e.name(), tick.toEpochMilli());
  }

  static String toJson(CronEntry e) {
    JsonObject o = new JsonObject();
    o.addProperty(CRON, e.schedule().expression());
    o.addProperty(TZ, e.schedule().zone().getId());
    o.addProperty(FUNC, e.job().func());
    o.add(ARGS, Json.parseStrict(e.job().args()));
    if (e.job().kwargs() != null) {
      o.add(KWARGS, Json.parseStrict(e.job().kwargs()));
    }
    o.addProperty(QUEUE, e.job().queueOrDefault());
    if (e.job().timeout() != null) {
      o.addProperty(TIMEOUT, e.job().timeout().toMillis() / 1000.0);
    }
    o.addProperty(ADDED_AT, e.addedAt().toEpochMilli());
    return o.toString();
  }

  static CronEntry fromJson(String name, String json) {
    try {
      JsonObject o = Json.parseStrict(json).getAsJsonObject();
      CronSchedule schedule = CronSchedule.parse(o.get(CRON).getAsString(), ZoneId.of(o.get(TZ).getAsString()));
      JobRequest job = JobRequest.ofJson(o.get(FUNC).getAsString(), o.get(ARGS).toString())
          .withQueue(o.get(QUEUE).getAsString());
      JsonElement kwargs = o.get(KWARGS);
      job = kwargs == null ? job : job.withKwargsJson(kwargs.toString());
      JsonElement timeout = o.get(TIMEOUT);
      job = timeout == null ? job : job.withTimeout(Duration.ofMillis(Math.round(timeout.getAsDouble() * 1000)));
      return new CronEntry(name, schedule, job, Instant.ofEpochMilli(o.get(ADDED_AT).getAsLong()));
    } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
        | java.time.DateTimeException e) {
      throw new InvalidJobException("recurring entry " + name + " is not readable: " + e.getMessage());
    }
  }
}
