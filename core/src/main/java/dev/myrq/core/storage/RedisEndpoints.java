package dev.myrq.core.storage;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.RedisUrl;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Redis is, from the URL: one or more seed nodes ({@code redis[s]://[[user:]password@]host:port[,host:port
 * ...][/db]}: a standalone server, or any nodes of a Redis Cluster, told apart at connect), or Sentinels ({@code
 * redis[s]-sentinel://[[user:]password@]host:port[,host:port...][/db][?sentinel_password=P]#master}). The
 * user-info password (or the password file) serves the data nodes; {@code sentinel_password} the Sentinels.
 */
record RedisEndpoints(List<RedisURI> seeds, RedisURI sentinel) {
  private static final Pattern SENTINEL_PASSWORD = Pattern.compile("([?&])sentinel_password=([^&#]*)&?");

  /** True for a Sentinel-managed master. */
  boolean isSentinel() {
    return sentinel != null;
  }

  /**
   * Parse the settings' URL.
   *
   * @throws InvalidConfigException naming the problem, with the password hidden
   */
  static RedisEndpoints parse(RedisSettings s) {
    String url = s.url();
    try {
      if (url.startsWith("redis-sentinel://") || url.startsWith("rediss-sentinel://")) {
        return sentinel(s);
      }
      if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
        throw new InvalidConfigException("Redis URL '" + s.redactedUrl()
            + "' must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://");
      }
      int start = url.indexOf("://") + 3;
      int at = url.lastIndexOf('@');
      int hostStart = at >= start ? at + 1 : start;
      int hostEnd = hostStart;
      while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
        hostEnd++;
      }
      List<RedisURI> seeds = new ArrayList<>();
      for (String hostPort : url.substring(hostStart, hostEnd).split(",", -1)) {
        seeds.add(withSettings(RedisURI.create(url.substring(0, hostStart) + hostPort + url.substring(hostEnd)), s));
      }
      return new RedisEndpoints(List.copyOf(seeds), null);
    } catch (InvalidConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      // not chained: Lettuce's message quotes the URL, and --verbose would print it with the password
      throw new InvalidConfigException(
          "Redis URL '" + s.redactedUrl() + "' is not valid: " + RedisUrl.scrub(e.getMessage(), url));
    }
  }

  private static RedisEndpoints sentinel(RedisSettings s) {
    String url = s.url();
    String sentinelPassword = null;
    Matcher p = SENTINEL_PASSWORD.matcher(url);
    if (p.find()) {
      sentinelPassword = URLDecoder.decode(p.group(2), StandardCharsets.UTF_8);
      url = url.substring(0, p.start()) + (p.group().endsWith("&") ? p.group(1) : "") + url.substring(p.end());
    }
    int hash = url.lastIndexOf('#');
    if (hash < 0 || hash == url.length() - 1) {
      throw new InvalidConfigException(
          "Redis URL '" + s.redactedUrl() + "' names no master: end it with #<master name>, as in Sentinel's config");
    }
    RedisURI uri = withSettings(RedisURI.create(url), s);
    for (RedisURI node : uri.getSentinels()) {
      node.setCredentialsProvider(
          sentinelPassword == null
              ? new StaticCredentialsProvider(null, null)
              : new StaticCredentialsProvider(null, sentinelPassword.toCharArray()));
      node.setTimeout(s.timeout());
    }
    return new RedisEndpoints(List.of(), uri);
  }

  private static RedisURI withSettings(RedisURI uri, RedisSettings s) {
    if (s.passwordFile() != null) {
      String user = null;
      if (uri.getCredentialsProvider() instanceof StaticCredentialsProvider scp) {
        RedisCredentials c = scp.resolveCredentialsNow();
        user = c == null ? null : c.getUsername();
      }
      uri.setCredentialsProvider(new StaticCredentialsProvider(user, s.readPassword().toCharArray()));
    }
    uri.setTimeout(s.timeout());
    return uri;
  }
}
