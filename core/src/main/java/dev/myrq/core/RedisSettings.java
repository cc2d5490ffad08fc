package dev.myrq.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach Redis: a URL ({@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS), an
 * optional file holding the password (so it appears in no URL, log or process list), an optional PEM file of CA
 * certificates to trust for TLS, the key prefix and the time to wait for Redis.
 */
public record RedisSettings(
    String url, Path passwordFile, Path caFile, String prefix, Duration timeout) {
  /** URL used when neither a flag nor {@link #ENV_URL} gives one. */
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  /** Environment variable read for the URL when no flag gives one. */
  public static final String ENV_URL = "MYRQ_REDIS_URL";
  /** Key prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "myrq";
  /** Time to wait for a connection or an answer before reporting Redis unreachable. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Settings for this URL with the defaults for everything else. */
  public static RedisSettings of(String url) {
    return new RedisSettings(url, null, null, DEFAULT_PREFIX, DEFAULT_TIMEOUT);
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
    return new RedisSettings(url, p, caFile, prefix, timeout);
  }

  public RedisSettings withCaFile(Path p) {
    return new RedisSettings(url, passwordFile, p, prefix, timeout);
  }

  public RedisSettings withPrefix(String p) {
    return new RedisSettings(url, passwordFile, caFile, p, timeout);
  }

  public RedisSettings withTimeout(Duration t) {
    return new RedisSettings(url, passwordFile, caFile, prefix, t);
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
