package dev.myrq.core.storage;

import io.lettuce.core.internal.ExceptionFactory;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads RESP2 replies into the shapes Lettuce's string codec with {@code ScriptOutputType.MULTI} gives: a status
 * or bulk string is a String, an integer a Long, an array a {@code List<Object>}, a nil null, and an error reply
 * the exception Lettuce would throw for it (e.g. {@code RedisNoScriptException}), returned, not thrown, so the
 * caller reads a pipeline's every reply before it throws. Not thread-safe: one per connection.
 */
final class RespReader {
  private final InputStream in;
  private byte[] buf = new byte[16 * 1024];
  private int pos;
  private int lim;

  RespReader(InputStream in) {
    this.in = in;
  }

  /**
   * Read one whole reply.
   *
   * @throws IOException when the connection fails, closes, times out or sends something that is not RESP2
   */
  Object read() throws IOException {
    byte type = next();
    switch (type) {
      case '+':
        return line();
      case '-':
        return ExceptionFactory.createExecutionException(line());
      case ':':
        return number();
      case '$':
        return bulk(number());
      case '*':
        long n = number();
        if (n < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n; i++) {
          items.add(read());
        }
        return items;
      default:
        throw new IOException("not a Redis reply: a byte " + (type & 0xff) + " where a reply should start");
    }
  }

  private byte next() throws IOException {
    if (pos == lim) {
      fill(1);
    }
    return buf[pos++];
  }

  private String bulk(long n) throws IOException {
    if (n < 0) {
      return null;
    }
    int size = Math.toIntExact(n);
    String s;
    if (size + 2 <= buf.length) {
      fill(size + 2);
      s = new String(buf, pos, size, StandardCharsets.UTF_8);
      pos += size;
    } else {
      byte[] big = new byte[size];
      int have = Math.min(lim - pos, size);
      System.arraycopy(buf, pos, big, 0, have);
      pos += have;
      while (have < size) {
        int r = in.read(big, have, size - have);
        if (r < 0) {
          throw closed();
        }
        have += r;
      }
      s = new String(big, StandardCharsets.UTF_8);
    }
    fill(2);
    pos += 2;
    return s;
  }

  private String line() throws IOException {
    int end = lineEnd();
    String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    pos = end + 2;
    return s;
  }

  private long number() throws IOException {
    int end = lineEnd();
    int i = pos;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    for (; i < end; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        throw new IOException("not a Redis reply: a number with a byte " + (buf[i] & 0xff));
      }
      v = v * 10 + d;
    }
    pos = end + 2;
    return negative ? -v : v;
  }

  /** The index of the CR that ends the line at {@code pos}, reading more until the whole CRLF is in. */
  private int lineEnd() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = pos + scanned; i + 1 < lim; i++) {
        if (buf[i] == '\r') {
          return i;
        }
      }
      scanned = Math.max(0, lim - pos - 1);
      fill(lim - pos + 1);
    }
  }

  /** Make at least {@code n} unread bytes available from {@code pos}, compacting or growing the buffer. */
  private void fill(int n) throws IOException {
    if (lim - pos >= n) {
      return;
    }
    if (pos + n > buf.length) {
      if (n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
      }
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    while (lim - pos < n) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        throw closed();
      }
      lim += r;
    }
  }

  private static EOFException closed() {
    return new EOFException("Connection closed by Redis");
  }
}
