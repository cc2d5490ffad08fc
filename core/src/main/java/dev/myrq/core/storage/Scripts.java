package dev.myrq.core.storage;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

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

  private final String name;
  private volatile String source;
  private volatile String sha;

  Scripts(String name) {
    this.name = name;
  }

  /**
   * The SHA-1 of the source, which EVALSHA names it by. Read and hashed on first use: a one-shot command needs one
   * script, and hashing them all loaded the JDK's security providers for the rest.
   */
  String sha() {
    String s = sha;
    if (s == null) {
      s = sha1(source());
      sha = s;
    }
    return s;
  }

  /**
   * The SHA-1 of the source; when not known yet, the answer of {@code load} (a SCRIPT LOAD of the source, which
   * answers with it) instead of hashing here: the JDK's first SHA-1 costs a one-shot command 40-60 ms of start-up.
   */
  String sha(java.util.function.UnaryOperator<String> load) {
    String s = sha;
    if (s == null) {
      s = load.apply(source());
      sha = s;
    }
    return s;
  }

  /** The Lua source, as SCRIPT LOAD sends it: the helpers of lib.lua the step calls, then the step. */
  String source() {
    String s = source;
    if (s == null) {
      s = LuaSource.of(read("lib"), read(name));
      source = s;
    }
    return s;
  }

  /**
   * Run this script and wait for its answer. On a Redis Cluster moving the queue's slot, Redis answers TRYAGAIN
   * before running the script (every multi-key script declares the queue's {@code moving} key, which never exists,
   * so none runs while the queue's keys are split between two nodes): tried again after a pause, for about
   * {@link #TRY_AGAIN}.
   */
  <T> T call(RedisLink conn, ScriptOutputType type, String[] keys, String... args) {
    for (int attempt = 1; ; attempt++) {
      try {
        try {
          return Await.result(conn, conn.async().<T>evalsha(sha(), type, keys, args));
        } catch (RedisNoScriptException e) {
          Await.result(conn, conn.async().scriptLoad(source()));
          return Await.result(conn, conn.async().<T>evalsha(sha(), type, keys, args));
        }
      } catch (RedisException e) {
        if (!isTryAgain(e) || attempt >= TRY_AGAIN_ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /** Run this script without waiting; commands sent this way from many threads are pipelined. */
  <T> CompletableFuture<T> callAsync(RedisLink conn, ScriptOutputType type, String[] keys, String... args) {
    return callAsync(conn, type, keys, args, 1);
  }

  private <T> CompletableFuture<T> callAsync(
      RedisLink conn, ScriptOutputType type, String[] keys, String[] args, int attempt) {
    CompletableFuture<T> first = conn.async().<T>evalsha(sha(), type, keys, args).toCompletableFuture();
    return first
        .handle(
            (v, e) -> {
              if (e == null) {
                return CompletableFuture.completedFuture(v);
              }
              Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof RedisNoScriptException) {
                return conn.async()
                    .scriptLoad(source())
                    .toCompletableFuture()
                    .thenCompose(
                        s -> conn.async().<T>evalsha(sha(), type, keys, args).toCompletableFuture());
              }
              if (isTryAgain(cause) && attempt < TRY_AGAIN_ATTEMPTS) {
                Executor later = CompletableFuture.delayedExecutor(pauseMillis(attempt), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> this.<T>callAsync(conn, type, keys, args, attempt + 1));
              }
              return CompletableFuture.<T>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  /** About how long a script answered TRYAGAIN is tried again; then the caller sees Redis as away a moment. */
  static final Duration TRY_AGAIN = Duration.ofSeconds(10);

  private static final int TRY_AGAIN_ATTEMPTS = (int) (TRY_AGAIN.toMillis() / 100) + 10;

  private static boolean isTryAgain(Throwable e) {
    return e.getMessage() != null && e.getMessage().startsWith("TRYAGAIN");
  }

  private static long pauseMillis(int attempt) {
    return Math.min(100, 5L * attempt);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(pauseMillis(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Redis Cluster moved a slot", e);
    }
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
