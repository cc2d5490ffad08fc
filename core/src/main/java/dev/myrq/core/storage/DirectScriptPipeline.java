package dev.myrq.core.storage;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Calls of one Lua step pipelined on one {@link DirectConnection}: each is written as soon as it is sent, so Redis
 * runs one while the caller builds the next. The script is loaded first, in the same write as the first call;
 * should Redis lose it midway (SCRIPT FLUSH), each call answered NOSCRIPT (which wrote nothing) is loaded and sent
 * again, and answers still come out in the order sent.
 */
final class DirectScriptPipeline implements RedisCalls.ScriptPipeline {
  /** Sends of one call after NOSCRIPT before its error is given up on. */
  private static final int MAX_SENDS = 3;

  private final DirectPool pool;
  private final Scripts script;
  private final DirectConnection conn;
  /** What was written and not read yet, in the order written: calls, and {@link #LOAD} for a SCRIPT LOAD. */
  private final ArrayDeque<Call> written = new ArrayDeque<>();
  /** The calls in the order the caller sent them. */
  private final ArrayDeque<Call> sent = new ArrayDeque<>();

  private static final class Call {
    final String[] keys;
    final String[] args;
    int sends;
    Object answer;

    Call(String[] keys, String[] args) {
      this.keys = keys;
      this.args = args;
    }
  }

  DirectScriptPipeline(DirectPool pool, Scripts script) {
    this.pool = pool;
    this.script = script;
    this.conn = pool.take();
    load();
  }

  private void load() {
    conn.writer().command("SCRIPT", "LOAD", script.source());
    written.add(LOAD);
  }

  @Override
  public void send(String[] keys, String[] args) {
    Call c = new Call(keys, args);
    sent.add(c);
    write(c);
  }

  @Override
  public void sendAfterSadd(String set, String member, String[] keys, String[] args) {
    Call c = new Call(keys, args);
    sent.add(c);
    if (conn.firstAdd(set, member)) { // once per connection, as DirectCalls.scriptAfterSadd
      conn.writer().command("SADD", set, member);
      written.add(new Call(null, new String[] {member})); // a SADD: its error is thrown when read
    }
    write(c);
  }

  private void write(Call c) {
    c.sends++;
    DirectCalls.encode(conn.writer(), script.sha(), c.keys, c.args);
    written.add(c);
    conn.flush();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Object> receive() {
    Call oldest = sent.poll();
    while (oldest.answer == null) {
      Call c = written.poll();
      Object reply = conn.readReply();
      if (c == LOAD || c.keys == null) {
        if (reply instanceof RedisException e) {
          if (c != LOAD) {
            conn.forgetAdd(c.args[0]);
          }
          throw e;
        }
      } else if (reply instanceof RedisNoScriptException && c.sends < MAX_SENDS) {
        load();
        write(c);
      } else {
        c.answer = reply == null ? NIL : reply;
      }
    }
    if (oldest.answer instanceof RedisException e) {
      throw e;
    }
    return oldest.answer == NIL ? null : (List<Object>) oldest.answer;
  }

  private static final Object NIL = new Object();
  private static final Call LOAD = new Call(null, null);

  @Override
  public void close() {
    if (!written.isEmpty()) {
      conn.close(); // replies still on their way: the stream is out of step
    }
    pool.give(conn);
  }
}
