package dev.myrq.core.storage;

import java.util.List;
import java.util.Map;

/**
 * The commands of the client paths (enqueue, bulk enqueue, a job's look-up), over the transport the connector
 * chose: a blocking socket on a standalone server ({@link DirectCalls}), Lettuce on a cluster, through Sentinel or
 * with replica waits ({@link LettuceCalls}). Both answer in the same shapes and throw Lettuce's exception types,
 * which {@link RedisConnector#translate} turns into myrq's. Thread-safe.
 */
interface RedisCalls {
  /**
   * Run a Lua step and return its answer as {@code ScriptOutputType.MULTI} gives it (List, String, Long, null);
   * loaded again after NOSCRIPT.
   */
  <T> T script(Scripts script, String[] keys, String[] args);

  /**
   * SADD {@code member} to {@code set}, then run a Lua step, without waiting between them (on a socket, one write;
   * the SADD only the first time on that socket, as a Redis restarted empty closes it); the step's answer as {@link
   * #script} gives it. An error of the step is thrown first, then one of the SADD.
   */
  <T> T scriptAfterSadd(String set, String member, Scripts script, String[] keys, String[] args);

  /** Calls of one Lua step sent without waiting for each answer; the caller closes it. */
  ScriptPipeline pipeline(Scripts script);

  /** SADD one member; the number added. */
  long sadd(String key, String member);

  /** SMEMBERS. */
  List<String> smembers(String key);

  /** HGETALL of each key, in one round trip; an empty map for a missing key. */
  List<Map<String, String>> hgetall(List<String> keys);

  /** ZSCORE of one member in each key, in one round trip; null where it is not a member. */
  List<Double> zscore(List<String> keys, String member);

  /** Calls of one Lua step in flight on one connection, answered in the order sent. Not thread-safe. */
  interface ScriptPipeline extends AutoCloseable {
    /** Send one call without waiting for its answer. */
    void send(String[] keys, String[] args);

    /** {@link #send}, after SADD {@code member} to {@code set} in the same write; its error comes with the call's answer. */
    void sendAfterSadd(String set, String member, String[] keys, String[] args);

    /** The answer of the oldest call not yet received; its error is thrown (the later ones stay pending). */
    List<Object> receive();

    /** Give the connection back; answers not received are dropped (a socket with some pending is closed). */
    @Override
    void close();
  }
}
