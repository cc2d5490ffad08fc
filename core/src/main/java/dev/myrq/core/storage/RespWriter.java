package dev.myrq.core.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redis commands encoded in RESP2 into one growing byte array, so a call or a whole batch of calls leaves in one
 * socket write. Strings are UTF-8. Not thread-safe: one per connection.
 */
final class RespWriter {
  private byte[] buf = new byte[16 * 1024];
  private int len;

  /** Start a command of {@code words} words (the command name counts). */
  RespWriter array(int words) {
    ensure(24);
    buf[len++] = '*';
    number(words);
    return crlf();
  }

  /**
   * Append one word of the current command. A long word is encoded by the JDK (for a Latin-1 string with no byte
   * over 0x7f: one intrinsic check and one array copy) rather than char by char: a cold bulk enqueue spent two fifths
   * of its interpreted time in the char loop, which now takes only short words (no allocation for "0" or "func").
   */
  RespWriter word(String s) {
    int n = s.length();
    if (n > SHORT_WORD) {
      return bytes(s.getBytes(StandardCharsets.UTF_8));
    }
    ensure(n + 32);
    int start = len;
    buf[len++] = '$';
    number(n);
    crlf();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        len = start;
        return bytes(s.getBytes(StandardCharsets.UTF_8));
      }
      buf[len++] = (byte) c;
    }
    return crlf();
  }

  private static final int SHORT_WORD = 8;

  /** Append the words of the current command. */
  RespWriter words(String[] words) {
    for (String w : words) {
      word(w);
    }
    return this;
  }

  /** Append one whole command. */
  RespWriter command(String... words) {
    return array(words.length).words(words);
  }

  private RespWriter bytes(byte[] b) {
    ensure(b.length + 32);
    buf[len++] = '$';
    number(b.length);
    crlf();
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return crlf();
  }

  private void number(long v) {
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    if (v < 10) {
      buf[len++] = (byte) ('0' + v);
      return;
    }
    int digits = 0;
    for (long x = v; x > 0; x /= 10) {
      digits++;
    }
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += digits;
  }

  private RespWriter crlf() {
    buf[len++] = '\r';
    buf[len++] = '\n';
    return this;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  /** The encoded bytes, from 0 to {@link #length()}. */
  byte[] buffer() {
    return buf;
  }

  int length() {
    return len;
  }

  /** Forget what was written (after it was sent); a buffer grown by a big batch shrinks back. */
  void clear() {
    len = 0;
    if (buf.length > 1024 * 1024) {
      buf = new byte[16 * 1024];
    }
  }
}
