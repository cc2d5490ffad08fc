package dev.myrq.core.storage;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.RedisCommandException;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.RedisUrl;
import dev.myrq.core.RedisUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Opens Lettuce connections for one {@link RedisSettings}; translates Lettuce's failures into myrq's. */
final class RedisConnector implements AutoCloseable {
  private final RedisSettings settings;
  private final RedisURI uri;
  private final RedisClient client;

  RedisConnector(RedisSettings settings) {
    this.settings = settings;
    this.uri = parse(settings);
    this.client = new LeanRedisClient();
    ClientOptions.Builder options =
        ClientOptions.builder()
            .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).keepAlive(true).build())
            .timeoutOptions(TimeoutOptions.builder().fixedTimeout(settings.timeout()).build());
    if (settings.caFile() != null) {
      options.sslOptions(SslOptions.builder().trustManager(settings.caFile().toFile()).build());
    }
    client.setOptions(options.build());
  }

  /**
   * Open a connection. Each blocking command needs a connection of its own; everything else can share one.
   *
   * @throws RedisUnavailableException when Redis cannot be reached in time
   */
  StatefulRedisConnection<String, String> connect() {
    try {
      return client.connect(StringCodec.UTF8, uri);
    } catch (RedisException e) {
      if (isAuthFailure(e)) {
        throw new InvalidConfigException(
            "Redis at " + settings.redactedUrl() + " refused the credentials (check the password or user)", e);
      }
      throw unavailable(e);
    }
  }

  private static boolean isAuthFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("invalid password"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Open a connection whose commands may block up to {@code timeout} plus the usual time. */
  StatefulRedisConnection<String, String> connectBlocking(Duration blockFor) {
    StatefulRedisConnection<String, String> c = connect();
    c.setTimeout(settings.timeout().plus(blockFor));
    return c;
  }

  /** Open a pub/sub connection; Lettuce subscribes its channels again after a reconnect. */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    try {
      return client.connectPubSub(StringCodec.UTF8, uri);
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** The settings these connections use. */
  RedisSettings settings() {
    return settings;
  }

  /**
   * Translate a failure into a myrq one with a one-line message: Lettuce's into {@link RedisUnavailableException}
   * (connection lost, no answer in time) or {@link RedisCommandException} (Redis answered with an error); myrq's
   * and any other as they are. Unwraps the wrappers of futures.
   */
  RuntimeException translate(Throwable thrown) {
    Throwable e = thrown;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof RedisConnectionException || e instanceof RedisCommandTimeoutException) {
      return unavailable((Exception) e);
    }
    if (e instanceof RedisException && e.getMessage() != null && isConnectionLoss(e.getMessage())) {
      return unavailable((Exception) e);
    }
    if (e instanceof RedisException) {
      return new RedisCommandException(
          "Redis at " + settings.redactedUrl() + " answered with an error: " + e.getMessage(), e,
          refusedByRedis(e));
    }
    if (e instanceof RuntimeException re) {
      return re;
    }
    return new IllegalStateException(e);
  }

  /**
   * Return true when Redis answered a call with an error about the call itself (e.g. an argument over its
   * proto-max-bulk-len, a script error), false for an outage or a state of the server that passes (connection
   * lost, LOADING, BUSY, OOM, READONLY, a failover), after which the same call may well succeed.
   */
  static boolean refusedByRedis(Throwable e) {
    if (!(e instanceof io.lettuce.core.RedisCommandExecutionException)
        || e instanceof io.lettuce.core.RedisBusyException
        || e instanceof io.lettuce.core.RedisLoadingException
        || e instanceof io.lettuce.core.RedisReadOnlyException) {
      return false;
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    for (String passing : List.of("OOM", "LOADING", "BUSY", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN",
        "MOVED", "ASK", "NOSCRIPT", "NOAUTH", "WRONGPASS", "NOREPLICAS")) {
      if (m.startsWith(passing)) {
        return false;
      }
    }
    return true;
  }

  /** The failure of a Redis answer that did not come in time. */
  RedisUnavailableException noAnswer(String what) {
    return unavailable(new RedisCommandTimeoutException(what));
  }

  private static boolean isConnectionLoss(String m) {
    return m.contains("Connection closed")
        || m.contains("Connection reset")
        || m.contains("LOADING")
        || m.contains("Currently not connected");
  }

  private RedisUnavailableException unavailable(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new RedisUnavailableException(
        "Redis at " + settings.redactedUrl() + " is unreachable: " + RedisUrl.scrub(why, settings.url()), e);
  }

  private static RedisURI parse(RedisSettings s) {
    if (!s.url().startsWith("redis://") && !s.url().startsWith("rediss://")) {
      throw new InvalidConfigException(
          "Redis URL '" + s.redactedUrl() + "' must start with redis:// or rediss://");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(s.url());
    } catch (RuntimeException e) {
      throw new InvalidConfigException(
          // not chained: Lettuce's message quotes the URL, and --verbose would print it with the password
          "Redis URL '" + s.redactedUrl() + "' is not valid: " + RedisUrl.scrub(e.getMessage(), s.url()));
    }
    if (s.passwordFile() != null) {
      String password = s.readPassword();
      var current = uri.getCredentialsProvider();
      String user = null;
      if (current instanceof StaticCredentialsProvider scp) {
        user = scp.resolveCredentialsNow().getUsername();
      }
      uri.setCredentialsProvider(new StaticCredentialsProvider(user, password.toCharArray()));
    }
    uri.setTimeout(s.timeout());
    return uri;
  }

  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
