package dev.myrq.core.storage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Lua steps, one constant each, sources in {@code resources/dev/myrq/core/scripts/*.lua} (each with a header
 * listing KEYS, ARGV and the return value). Called by SHA; loaded again when Redis answers NOSCRIPT (after a
 * restart or SCRIPT FLUSH).
 */
enum Scripts {
  ENQUEUE("enqueue"),
  FETCH("fetch"),
  COMPLETE("complete"),
  RENEW("renew"),
  REAP("reap"),
  PROMOTE("promote"),
  REQUEUE("requeue"),
  CANCEL("cancel"),
  DELETE("delete"),
  PURGE("purge"),
  WATCH("watch");

  private final String source;
  private final String sha;

  Scripts(String name) {
    this.source = read("lib") + "\n" + read(name);
    this.sha = sha1(source);
  }

  /** Run this script and wait for its answer. */
  <T> T call(
      StatefulRedisConnection<String, String> conn, ScriptOutputType type, String[] keys, String... args) {
    try {
      return Await.result(conn, conn.async().<T>evalsha(sha, type, keys, args));
    } catch (RedisNoScriptException e) {
      Await.result(conn, conn.async().scriptLoad(source));
      return Await.result(conn, conn.async().<T>evalsha(sha, type, keys, args));
    }
  }

  /** Run this script without waiting; commands sent this way from many threads are pipelined. */
  <T> CompletableFuture<T> callAsync(
      StatefulRedisConnection<String, String> conn, ScriptOutputType type, String[] keys, String... args) {
    CompletableFuture<T> first = conn.async().<T>evalsha(sha, type, keys, args).toCompletableFuture();
    return first
        .handle(
            (v, e) -> {
              if (e == null) {
                return CompletableFuture.completedFuture(v);
              }
              Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof RedisNoScriptException) {
                return conn.async()
                    .scriptLoad(source)
                    .toCompletableFuture()
                    .thenCompose(
                        s -> conn.async().<T>evalsha(sha, type, keys, args).toCompletableFuture());
              }
              return CompletableFuture.<T>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  private static String read(String name) {
    String path = "/dev/myrq/core/scripts/" + name + ".lua";
    try (InputStream in = Scripts.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
