package dev.myrq.core.storage;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One blocking RESP2 connection to a standalone Redis server over a plain socket: a call is one write and one
 * read on the caller's thread, a pipeline several commands in one write, then their replies. Lettuce hands every
 * command to its I/O thread and back, which was most of a client's time per enqueue. Failures are Lettuce's
 * exception types, so {@link RedisConnector#translate} reads them as it reads Lettuce's: an I/O failure, a
 * protocol error or no answer within the timeout closes the socket (its stream is out of step) and throws {@link
 * RedisConnectionException} or {@link RedisCommandTimeoutException}; an error reply leaves it usable. One thread
 * at a time.
 */
final class DirectConnection implements AutoCloseable {
  /** Unread bytes or an end of stream on an idle connection are looked for when it was idle this long. */
  private static final long CHECK_IDLE_NANOS = 50_000_000L;

  private final DirectTarget target;
  private final SocketChannel channel;
  private final OutputStream out;
  private final RespReader reader;
  private final RespWriter writer = new RespWriter();
  private boolean open = true;
  private long lastUsed = System.nanoTime();
  /**
   * Members this connection added to a set ({@link #firstAdd}): the queue set, once per queue and connection. A
   * Redis restarted empty closed the connection, and the next one adds them again.
   */
  private String addedSet;
  private final java.util.HashSet<String> addedMembers = new java.util.HashSet<>();

  private DirectConnection(DirectTarget target, SocketChannel channel, InputStream in, OutputStream out) {
    this.target = target;
    this.channel = channel;
    this.out = out;
    this.reader = new RespReader(in);
  }

  /** Connect without TLS, log in and select the database (see {@link #open(DirectTarget, DirectTls)}). */
  static DirectConnection open(DirectTarget t) {
    return open(t, null);
  }

  /**
   * Connect (with TLS when {@code tls} is not null), log in and select the database.
   *
   * @throws RedisConnectionException when the server cannot be reached in time
   * @throws RedisException with Redis's error (e.g. WRONGPASS) when it refuses the login
   */
  static DirectConnection open(DirectTarget t, DirectTls tls) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      Socket s = channel.socket();
      int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, t.timeout().toMillis()));
      s.connect(new InetSocketAddress(t.host(), t.port()), timeout);
      s.setSoTimeout(timeout);
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      if (tls != null) {
        s = tls.wrap(s, t);
      }
      DirectConnection c = new DirectConnection(t, channel, s.getInputStream(), s.getOutputStream());
      c.logIn();
      return c;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new RedisConnectionException("Unable to connect to " + t + ": " + describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private void logIn() {
    List<String[]> hello = new ArrayList<>(2);
    if (target.password() != null) {
      String password = new String(target.password());
      hello.add(target.user() == null ? new String[] {"AUTH", password} : new String[] {"AUTH", target.user(), password});
    }
    if (target.database() != 0) {
      hello.add(new String[] {"SELECT", Integer.toString(target.database())});
    }
    if (!hello.isEmpty()) {
      pipeline(hello);
    }
  }

  /**
   * Send one command and return its reply.
   *
   * @throws RedisException Redis's error reply (the connection stays usable), or a failure of the connection
   */
  Object call(String... command) {
    writer.command(command);
    return answer();
  }

  /**
   * Send these commands in one write and return their replies in order.
   *
   * @throws RedisException the first error reply, once every reply was read
   */
  List<Object> pipeline(List<String[]> commands) {
    for (String[] c : commands) {
      writer.command(c);
    }
    flush();
    List<Object> replies = new ArrayList<>(commands.size());
    RedisException first = null;
    for (int i = 0; i < commands.size(); i++) {
      Object r = readReply();
      if (r instanceof RedisException e && first == null) {
        first = e;
      }
      replies.add(r);
    }
    if (first != null) {
      throw first;
    }
    return replies;
  }

  /**
   * True the first time this connection is asked about this member of {@code set}: the caller SADDs it, and calls
   * {@link #forgetAdd} if Redis refused. At most {@link #MAX_ADDED} members are kept (past that, added again).
   */
  boolean firstAdd(String set, String member) {
    if (!set.equals(addedSet) || addedMembers.size() >= MAX_ADDED) {
      addedSet = set;
      addedMembers.clear();
    }
    return addedMembers.add(member);
  }

  /** Forget a member {@link #firstAdd} reported (its SADD failed). */
  void forgetAdd(String member) {
    addedMembers.remove(member);
  }

  private static final int MAX_ADDED = 1024;

  /** Where the next command is encoded; {@link #flush} sends it. */
  RespWriter writer() {
    return writer;
  }

  /** Write what {@link #writer} holds. */
  void flush() {
    try {
      out.write(writer.buffer(), 0, writer.length());
      writer.clear();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Send what {@link #writer} holds and read one reply. */
  Object answer() {
    flush();
    Object r = readReply();
    if (r instanceof RedisException e) {
      throw e;
    }
    return r;
  }

  /** Read the next reply; an error reply is returned as its exception. */
  Object readReply() {
    try {
      Object r = reader.read();
      lastUsed = System.nanoTime();
      return r;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /**
   * True when the connection can take a command: open, and (when idle a while) with nothing unread and no end of
   * stream waiting, as after the server restarted or closed it; a look that does not block.
   */
  boolean isUsable() {
    if (!open) {
      return false;
    }
    if (System.nanoTime() - lastUsed < CHECK_IDLE_NANOS) {
      return true;
    }
    try {
      channel.configureBlocking(false);
      int n = channel.read(ByteBuffer.allocate(1));
      channel.configureBlocking(true);
      if (n == 0) {
        return true;
      }
    } catch (IOException e) {
      // reset by the peer: not usable
    }
    close();
    return false;
  }

  boolean isOpen() {
    return open;
  }

  private RedisException failed(IOException e) {
    close();
    if (e instanceof SocketTimeoutException) {
      return new RedisCommandTimeoutException(
          "Command timed out after " + target.timeout().toMillis() + " ms on " + target);
    }
    return new RedisConnectionException(describe(e), e);
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    open = false;
    closeQuietly(channel);
  }

  private static void closeQuietly(SocketChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
