package dev.myrq.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach Redis: a URL ({@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS, naming
 * a standalone server or any node of a Redis Cluster, or several cluster nodes as {@code host:port,host:port}; or
 * {@code redis-sentinel://[:password@]host:port[,host:port...][/db][?sentinel_password=P]#master}), an
 * optional file holding the password (so it appears in no URL, log or process list), an optional PEM file of CA
 * certificates to trust for TLS, the key prefix, the time to wait for Redis, and how many replicas must confirm
 * each enqueue and job end ({@code minReplicas}, 0 for none: see {@link #withMinReplicas}).
 */
public record RedisSettings(
    String url, Path passwordFile, Path caFile, String prefix, Duration timeout, int minReplicas) {
  /** URL used when neither a flag nor {@link #ENV_URL} gives one. */
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  /** Environment variable read for the URL when no flag gives one. */
  public static final String ENV_URL = "MYRQ_REDIS_URL";
  /** Key prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "myrq";
  /** Time to wait for a connection or an answer before reporting Redis unreachable. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Environment variable read for {@link #minReplicas} when no flag gives it. */
  public static final String ENV_MIN_REPLICAS = "MYRQ_MIN_REPLICAS";
  /** Largest {@link #minReplicas} accepted. */
  public static final int MAX_MIN_REPLICAS = 100;

  /** Settings for this URL with the defaults for everything else. */
  public static RedisSettings of(String url) {
    return new RedisSettings(url, null, null, DEFAULT_PREFIX, DEFAULT_TIMEOUT, 0);
  }

  /** Resolve the URL: the flag if given, else {@link #ENV_URL} from {@code env}, else {@link #DEFAULT_URL}. */
  public static String resolveUrl(String flag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String fromEnv = env.get(ENV_URL);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_URL;
  }

  public RedisSettings withPasswordFile(Path p) {
    return new RedisSettings(url, p, caFile, prefix, timeout, minReplicas);
  }

  public RedisSettings withCaFile(Path p) {
    return new RedisSettings(url, passwordFile, p, prefix, timeout, minReplicas);
  }

  public RedisSettings withPrefix(String p) {
    return new RedisSettings(url, passwordFile, caFile, p, timeout, minReplicas);
  }

  public RedisSettings withTimeout(Duration t) {
    return new RedisSettings(url, passwordFile, caFile, prefix, t, minReplicas);
  }

  /**
   * Make every enqueue (single, bulk, a recurring tick, a requeue) and every job end wait until {@code n} replicas
   * of the master have it (Redis {@code WAIT}), for at most half of {@link #timeout}. An enqueue they do not
   * confirm throws {@link ReplicaWaitException}; an end they do not confirm is logged (the job's lease brings it
   * back if the master is lost). 0, the default, waits for none.
   *
   * @throws InvalidConfigException when {@code n} is not from 0 to {@link #MAX_MIN_REPLICAS}
   */
  public RedisSettings withMinReplicas(int n) {
    if (n < 0 || n > MAX_MIN_REPLICAS) {
      throw new InvalidConfigException("min replicas (--min-replicas, " + ENV_MIN_REPLICAS + ") must be from 0 to " + MAX_MIN_REPLICAS + ", got " + n);
    }
    return new RedisSettings(url, passwordFile, caFile, prefix, timeout, n);
  }

  /**
   * Resolve the replicas to wait for: the flag if given, else {@link #ENV_MIN_REPLICAS} from {@code env}, else 0.
   *
   * @throws InvalidConfigException when the environment's value is not a whole number
   */
  public static int resolveMinReplicas(Integer flag, Map<String, String> env) {
    if (flag != null) {
      return flag;
    }
    String v = env.get(ENV_MIN_REPLICAS);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(ENV_MIN_REPLICAS + " must be a whole number, got '" + v + "'");
    }
  }

  /** The URL with any password replaced by {@code ***}, safe to log or print (see {@link RedisUrl}). */
  public String redactedUrl() {
    return RedisUrl.redact(url);
  }

  /**
   * Read the password file, trimmed.
   *
   * @throws InvalidConfigException when it cannot be read
   */
  public String readPassword() {
    try {
      return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read Redis password file " + passwordFile + ": " + e.getMessage());
    }
  }
}
