package dev.myrq.core.storage;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link RedisCalls} over blocking sockets to a standalone server (see {@link DirectConnection}). */
final class DirectCalls implements RedisCalls {
  private final DirectPool pool;

  DirectCalls(DirectPool pool) {
    this.pool = pool;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T script(Scripts script, String[] keys, String[] args) {
    return (T) pool.with(c -> {
      String sha = script.sha(source -> (String) c.call("SCRIPT", "LOAD", source));
      try {
        return evalsha(c, sha, keys, args);
      } catch (RedisNoScriptException e) {
        c.call("SCRIPT", "LOAD", script.source());
        return evalsha(c, sha, keys, args);
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T scriptAfterSadd(String set, String member, Scripts script, String[] keys, String[] args) {
    return (T) pool.with(c -> {
      String sha = script.sha(source -> (String) c.call("SCRIPT", "LOAD", source));
      boolean sadd = c.firstAdd(set, member); // once per connection: a command less for Redis per call
      if (sadd) {
        c.writer().command("SADD", set, member);
      }
      encode(c.writer(), sha, keys, args);
      c.flush();
      Object added = sadd ? c.readReply() : null;
      Object answer = c.readReply();
      if (answer instanceof RedisNoScriptException) {
        c.call("SCRIPT", "LOAD", script.source());
        answer = evalsha(c, sha, keys, args);
      }
      if (added instanceof RedisException) {
        c.forgetAdd(member);
      }
      if (answer instanceof RedisException e) {
        throw e;
      }
      if (added instanceof RedisException e) {
        throw e;
      }
      return answer;
    });
  }

  /** Encode an EVALSHA into the connection's writer, without sending it. */
  static void encode(RespWriter w, String sha, String[] keys, String[] args) {
    w.array(3 + keys.length + args.length)
        .word("EVALSHA")
        .word(sha)
        .word(Integer.toString(keys.length))
        .words(keys)
        .words(args);
  }

  private static Object evalsha(DirectConnection c, String sha, String[] keys, String[] args) {
    encode(c.writer(), sha, keys, args);
    return c.answer();
  }

  @Override
  public ScriptPipeline pipeline(Scripts script) {
    return new DirectScriptPipeline(pool, script);
  }

  @Override
  public long sadd(String key, String member) {
    return (Long) pool.call("SADD", key, member);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> smembers(String key) {
    return (List<String>) (List<?>) pool.call("SMEMBERS", key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Map<String, String>> hgetall(List<String> keys) {
    List<Object> replies = pool.with(c -> c.pipeline(commands("HGETALL", keys)));
    List<Map<String, String>> out = new ArrayList<>(keys.size());
    for (Object r : replies) {
      List<Object> flat = (List<Object>) r;
      Map<String, String> m = new LinkedHashMap<>(flat.size());
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        m.put((String) flat.get(i), (String) flat.get(i + 1));
      }
      out.add(m);
    }
    return out;
  }

  @Override
  public List<Double> zscore(List<String> keys, String member) {
    List<Object> replies = pool.with(c -> c.pipeline(commands("ZSCORE", keys, member)));
    List<Double> out = new ArrayList<>(keys.size());
    for (Object r : replies) {
      out.add(r == null ? null : Double.valueOf((String) r));
    }
    return out;
  }

  private static List<String[]> commands(String name, List<String> keys, String... more) {
    List<String[]> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      String[] c = new String[2 + more.length];
      c[0] = name;
      c[1] = k;
      System.arraycopy(more, 0, c, 2, more.length);
      out.add(c);
    }
    return out;
  }
}
