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
import io.lettuce.core.ReadFrom;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Opens connections for one {@link RedisSettings}, in the topology the URL leads to: a standalone server, a Redis
 * Cluster (any node's URL, or several seeds; told apart at connect by {@code cluster_enabled:1}), or the master of
 * a Sentinel-managed set ({@code redis-sentinel://}). On a standalone server reached without TLS the client paths
 * go over blocking sockets ({@link DirectPool}), which also ask whether it is a cluster node; Lettuce and its
 * threads start only when a connection of another kind is first needed. Translates Lettuce's failures into
 * myrq's.
 */
final class RedisConnector implements AutoCloseable {
  /** How often a cluster client reads the cluster's topology even when nothing suggests it changed. */
  static final Duration CLUSTER_REFRESH = Duration.ofSeconds(10);

  private final RedisSettings settings;
  /** Parsed by Lettuce's URL class when first needed (see {@link DirectTarget#parse}). */
  private RedisEndpoints endpoints;
  /** Sockets to the one seed, when it may be reached without Lettuce (no TLS); else null. */
  private final DirectPool direct;
  private RedisClient client;
  private volatile RedisClusterClient clusterClient;
  private volatile Boolean cluster;

  RedisConnector(RedisSettings settings) {
    this.settings = settings;
    DirectTarget target = DirectTarget.parse(settings);
    this.direct = target == null ? null : new DirectPool(target);
    if (target == null) {
      this.endpoints = RedisEndpoints.parse(settings); // a malformed URL fails here, at connect
    }
  }

  private synchronized RedisEndpoints endpoints() {
    if (endpoints == null) {
      endpoints = RedisEndpoints.parse(settings);
    }
    return endpoints;
  }

  /** The Lettuce client, made on first use: its resources start Netty's threads. */
  private synchronized RedisClient client() {
    if (client == null) {
      RedisClient c = new LeanRedisClient();
      c.setOptions(clientOptions(ClientOptions.builder()).build());
      client = c;
    }
    return client;
  }

  private <B extends ClientOptions.Builder> B clientOptions(B options) {
    options
        .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.builder().fixedTimeout(settings.timeout()).build());
    if (settings.caFile() != null) {
      options.sslOptions(SslOptions.builder().trustManager(settings.caFile().toFile()).build());
    }
    return options;
  }

  /**
   * Open a connection. Each blocking command needs a connection of its own; everything else can share one.
   *
   * @throws RedisUnavailableException when Redis cannot be reached in time
   * @throws InvalidConfigException when Redis refuses the credentials, or several hosts name a standalone server
   */
  RedisLink connect() {
    try {
      if (direct != null && !isCluster()) {
        return RedisLink.direct(direct, this::connectStandalone, settings.timeout());
      }
    } catch (RedisException e) {
      throw failedToConnect(e);
    }
    return connectLettuce();
  }

  /** A Lettuce connection to the standalone server, opened when a link to it first needs one. */
  private StatefulRedisConnection<String, String> connectStandalone() {
    return client().connect(StringCodec.UTF8, endpoints().seeds().get(0));
  }

  private RuntimeException failedToConnect(RedisException e) {
    if (isAuthFailure(e)) {
      return new InvalidConfigException(
          "Redis at " + settings.redactedUrl() + " refused the credentials (check the password or user)", e);
    }
    return unavailable(e);
  }

  /** Open a Lettuce connection, whatever the topology. */
  private RedisLink connectLettuce() {
    try {
      if (endpoints().isSentinel()) {
        // Master/replica over Sentinel: Lettuce follows Sentinel's events, so writes go to the new master after a
        // failover instead of looping on READONLY at the old one.
        StatefulRedisMasterReplicaConnection<String, String> c =
            MasterReplica.connect(client(), StringCodec.UTF8, endpoints().sentinel());
        c.setReadFrom(ReadFrom.UPSTREAM);
        return RedisLink.of(c);
      }
      if (isCluster()) {
        return RedisLink.of(clusterClient().connect(StringCodec.UTF8));
      }
      return RedisLink.of(connectStandalone());
    } catch (RedisException e) {
      throw failedToConnect(e);
    }
  }

  /**
   * Open one connection to one server: the standalone server, or the master the Sentinels name (asked again at
   * each reconnect). {@code WAIT} counts the writes of its own connection, so the writes it confirms go on one.
   *
   * @throws InvalidConfigException on a Redis Cluster, where this is not supported yet
   */
  RedisLink connectToMaster() {
    if (!endpoints().isSentinel() && isCluster()) {
      throw new InvalidConfigException("--min-replicas (" + RedisSettings.ENV_MIN_REPLICAS
          + ") is not supported on a Redis Cluster yet: " + settings.redactedUrl() + " is a cluster node");
    }
    try {
      return RedisLink.of(client().connect(StringCodec.UTF8,
          endpoints().isSentinel() ? endpoints().sentinel() : endpoints().seeds().get(0)));
    } catch (RedisException e) {
      throw failedToConnect(e);
    }
  }

  /** Ask the first seed that answers whether it is a cluster node; remembered for later connections. */
  private boolean isCluster() {
    Boolean known = cluster;
    if (known != null) {
      return known;
    }
    if (direct != null) {
      cluster = ((String) direct.call("INFO", "cluster")).contains("cluster_enabled:1");
      return cluster;
    }
    RedisException last = null;
    for (RedisURI seed : endpoints().seeds()) {
      try (StatefulRedisConnection<String, String> c = client().connect(StringCodec.UTF8, seed)) {
        boolean enabled = Await.result(c, c.async().info("cluster")).contains("cluster_enabled:1");
        if (!enabled && endpoints().seeds().size() > 1) {
          throw new InvalidConfigException("Redis URL '" + settings.redactedUrl() + "' names several hosts, but "
              + seed.getHost() + ":" + seed.getPort() + " is not a Redis Cluster node: name one host");
        }
        cluster = enabled;
        return enabled;
      } catch (RedisException e) {
        if (isAuthFailure(e)) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private synchronized RedisClusterClient clusterClient() {
    if (clusterClient == null) {
      RedisClusterClient c = RedisClusterClient.create(endpoints().seeds());
      c.setOptions(
          clientOptions(ClusterClientOptions.builder())
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enablePeriodicRefresh(CLUSTER_REFRESH)
                      .enableAllAdaptiveRefreshTriggers()
                      .build())
              .build());
      clusterClient = c;
    }
    return clusterClient;
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

  /** Open a Lettuce connection whose commands may block up to {@code timeout} plus the usual time. */
  RedisLink connectBlocking(Duration blockFor) {
    RedisLink c = connectLettuce();
    c.setTimeout(settings.timeout().plus(blockFor));
    return c;
  }

  /**
   * True when a worker's wait can go over a blocking socket of its own ({@link #connectDirectBlocking}): a
   * standalone server reached without TLS. A cluster, Sentinel and TLS wait over Lettuce ({@link #connectBlocking}).
   */
  boolean waitsDirect() {
    return direct != null && !direct.tls() && !isCluster();
  }

  /**
   * A blocking socket of its own for a wait of up to {@code blockFor} (see {@link #waitsDirect}); its reads give up
   * after that plus the timeout.
   */
  DirectConnection connectDirectBlocking(Duration blockFor) {
    return direct.openOwn(blockFor);
  }

  /**
   * Open a pub/sub connection; Lettuce subscribes its channels again after a reconnect. On a cluster any node
   * will do (PUBLISH reaches every node); with Sentinel, the master it names.
   */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    try {
      if (endpoints().isSentinel()) {
        return client().connectPubSub(StringCodec.UTF8, endpoints().sentinel());
      }
      if (isCluster()) {
        return clusterClient().connectPubSub(StringCodec.UTF8);
      }
      return client().connectPubSub(StringCodec.UTF8, endpoints().seeds().get(0));
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** The settings these connections use. */
  RedisSettings settings() {
    return settings;
  }

  /** Run one storage call, its failure translated as {@link #translate} does. */
  <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw translate(e);
    }
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
    if (e instanceof RedisException && e.getMessage() != null && e.getMessage().startsWith("NOREPLICAS")) {
      // the master's min-replicas-to-write: it takes no write until enough replicas are back, as if it were away
      return new RedisUnavailableException(
          "Redis at " + settings.redactedUrl() + " refuses writes for now: " + e.getMessage(), e);
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
        || m.contains("Currently not connected")
        // a failover or a slot move in progress: the next try goes to the new master or node
        || m.startsWith("READONLY")
        || m.startsWith("UNBLOCKED")
        || m.startsWith("TRYAGAIN")
        || m.startsWith("CLUSTERDOWN")
        || m.startsWith("MASTERDOWN");
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

  @Override
  public void close() {
    if (direct != null) {
      direct.close();
    }
    RedisClusterClient c = clusterClient;
    if (c != null) {
      c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    RedisClient lettuce;
    synchronized (this) {
      lettuce = client;
    }
    if (lettuce != null) {
      lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
