package dev.myrq.core.storage;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.internal.AbstractInvocationHandler;
import io.lettuce.core.internal.TimeoutProvider;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.PubSubEndpoint;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnectionImpl;
import io.lettuce.core.pubsub.api.sync.RedisPubSubCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Lettuce client whose connections build their synchronous API only when it is first used, and then find each
 * command's asynchronous twin when that command is first called. Lettuce builds it when a connection opens: a
 * proxy class for RedisCommands' ~500 methods and a map of all of them, made by reflection, which was two thirds
 * of the CPU of a one-shot {@code myrq status} (JFR, interpreted run), for the dozen commands myrq sends. The
 * paths a CLI command or a worker's start takes wait through {@link Await} and never build it. The calls behave
 * as Lettuce's: same timeouts, same exceptions, no waiting inside MULTI.
 */
final class LeanRedisClient extends RedisClient {
  @Override
  protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(
      RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
    return new StatefulRedisConnectionImpl<>(writer, pushHandler, codec, timeout, getOptions().getJsonParser()) {
      private final OnFirstUse<RedisCommands<K, V>> sync =
          new OnFirstUse<>(() -> awaitingProxy(RedisCommands.class, this, async()));

      @Override
      protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
        return null; // built by sync() when first called
      }

      @Override
      public RedisCommands<K, V> sync() {
        return sync.get();
      }
    };
  }

  @Override
  protected <K, V> StatefulRedisPubSubConnectionImpl<K, V> newStatefulRedisPubSubConnection(
      PubSubEndpoint<K, V> endpoint, RedisChannelWriter writer, RedisCodec<K, V> codec, Duration timeout) {
    return new StatefulRedisPubSubConnectionImpl<>(endpoint, writer, codec, timeout) {
      private final OnFirstUse<RedisPubSubCommands<K, V>> sync =
          new OnFirstUse<>(() -> awaitingProxy(RedisPubSubCommands.class, this, async()));

      @Override
      protected RedisPubSubCommands<K, V> newRedisSyncCommandsImpl() {
        return null; // built by sync() when first called
      }

      @Override
      public RedisPubSubCommands<K, V> sync() {
        return sync.get();
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> T awaitingProxy(Class<?> api, StatefulRedisConnectionImpl<?, ?> connection, Object asyncApi) {
    return (T)
        Proxy.newProxyInstance(
            AbstractRedisClient.class.getClassLoader(), new Class<?>[] {api}, new AwaitingHandler(connection, asyncApi));
  }

  /** A value made by the first thread that asks for it. */
  private static final class OnFirstUse<T> {
    private final Supplier<T> make;
    private volatile T value;

    OnFirstUse(Supplier<T> make) {
      this.make = make;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = make.get();
            value = v;
          }
        }
      }
      return v;
    }
  }

  /** Calls the asynchronous method of the same signature and waits for its future, as Lettuce's handler does. */
  private static final class AwaitingHandler extends AbstractInvocationHandler {
    private final StatefulRedisConnectionImpl<?, ?> connection;
    private final Object asyncApi;
    private final TimeoutProvider timeouts;
    private final Map<Method, Method> targets = new ConcurrentHashMap<>();

    AwaitingHandler(StatefulRedisConnectionImpl<?, ?> connection, Object asyncApi) {
      this.connection = connection;
      this.asyncApi = asyncApi;
      this.timeouts =
          new TimeoutProvider(
              () -> connection.getOptions().getTimeoutOptions(), () -> connection.getTimeout().toNanos());
    }

    @Override
    protected Object handleInvocation(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        Object result = targets.computeIfAbsent(method, this::asyncTwin).invoke(asyncApi, args);
        if (!(result instanceof RedisFuture<?> future)) {
          return result;
        }
        if (!isTransactionControl(method.getName()) && connection.isMulti()) {
          return null;
        }
        long timeoutNs =
            future instanceof RedisCommand<?, ?, ?> command
                ? timeouts.getTimeoutNs(command)
                : connection.getTimeout().toNanos();
        return LettuceFutures.awaitOrCancel(future, timeoutNs, TimeUnit.NANOSECONDS);
      } catch (InvocationTargetException e) {
        throw e.getTargetException();
      }
    }

    private Method asyncTwin(Method method) {
      try {
        return asyncApi.getClass().getMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("Lettuce has no asynchronous " + method, e);
      }
    }

    private static boolean isTransactionControl(String name) {
      return name.equals("exec") || name.equals("multi") || name.equals("discard") || name.equals("watch");
    }
  }
}
