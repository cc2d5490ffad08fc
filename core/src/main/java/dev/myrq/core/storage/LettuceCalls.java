package dev.myrq.core.storage;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link RedisCalls} over a Lettuce connection: a cluster, a Sentinel-managed master, or replica waits. */
final class LettuceCalls implements RedisCalls {
  private final RedisLink link;

  LettuceCalls(RedisLink link) {
    this.link = link;
  }

  @Override
  public <T> T script(Scripts script, String[] keys, String[] args) {
    return script.call(link, ScriptOutputType.MULTI, keys, args);
  }

  @Override
  public <T> T scriptAfterSadd(String set, String member, Scripts script, String[] keys, String[] args) {
    RedisFuture<Long> added = link.async().sadd(set, member);
    T answer = script(script, keys, args);
    Await.result(link, added);
    return answer;
  }

  @Override
  public ScriptPipeline pipeline(Scripts script) {
    return new ScriptPipeline() {
      private final ArrayDeque<CompletableFuture<List<Object>>> inFlight = new ArrayDeque<>();

      @Override
      public void send(String[] keys, String[] args) {
        inFlight.add(script.callAsync(link, ScriptOutputType.MULTI, keys, args));
      }

      @Override
      public void sendAfterSadd(String set, String member, String[] keys, String[] args) {
        CompletableFuture<Long> added = link.async().sadd(set, member).toCompletableFuture();
        inFlight.add(script.<List<Object>>callAsync(link, ScriptOutputType.MULTI, keys, args).thenCombine(added, (answer, n) -> answer));
      }

      @Override
      public List<Object> receive() {
        return Await.answer(inFlight.poll());
      }

      @Override
      public void close() {
        inFlight.clear();
      }
    };
  }

  @Override
  public long sadd(String key, String member) {
    return Await.result(link, link.async().sadd(key, member));
  }

  @Override
  public List<String> smembers(String key) {
    return new ArrayList<>(Await.result(link, link.async().smembers(key)));
  }

  @Override
  public List<Map<String, String>> hgetall(List<String> keys) {
    List<RedisFuture<Map<String, String>>> fs = new ArrayList<>(keys.size());
    for (String k : keys) {
      fs.add(link.async().hgetall(k));
    }
    List<Map<String, String>> out = new ArrayList<>(keys.size());
    for (RedisFuture<Map<String, String>> f : fs) {
      out.add(Await.result(link, f));
    }
    return out;
  }

  @Override
  public List<Double> zscore(List<String> keys, String member) {
    List<RedisFuture<Double>> fs = new ArrayList<>(keys.size());
    for (String k : keys) {
      fs.add(link.async().zscore(k, member));
    }
    List<Double> out = new ArrayList<>(keys.size());
    for (RedisFuture<Double> f : fs) {
      out.add(Await.result(link, f));
    }
    return out;
  }
}
