package dev.myrq.worker;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker's log appender: each line is encoded on the thread that logs it and added to a buffer, which one
 * thread ({@code myrq-log}) writes to stdout, as many lines as have piled up in one write. Under load it gathers
 * lines for {@link #GATHER_NANOS} after a write of more than one, so a busy worker writes a few hundred times a
 * second instead of once a line; a lone line goes at once. Logback's AsyncAppender, used before, woke its thread
 * and made a write per line: with one INFO line per job that was about a fifth of a no-op job's worker CPU. Lines
 * keep their order; a logging thread waits while {@link #MAX_BUFFERED_BYTES} are unwritten (nothing is dropped);
 * a JVM shutdown writes what is left.
 */
final class StdoutBatcher extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final int MAX_BUFFERED_BYTES = 1 << 20;
  static final long GATHER_NANOS = 1_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition filled = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private Encoder<ILoggingEvent> encoder;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
  private ByteArrayOutputStream spare = new ByteArrayOutputStream(8192);
  private final Object writing = new Object();
  private int bufferedLines;
  private boolean writerWaits;
  private Thread writer;

  void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    writer = new Thread(this::writeLoop, "myrq-log");
    writer.setDaemon(true);
    super.start();
    writer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::writePending, "myrq-log-flush"));
  }

  @Override
  protected void append(ILoggingEvent event) {
    byte[] line = encoder.encode(event);
    lock.lock();
    try {
      while (buffer.size() >= MAX_BUFFERED_BYTES && writer.isAlive()) {
        drained.awaitUninterruptibly();
      }
      buffer.write(line, 0, line.length);
      bufferedLines++;
      if (writerWaits) {
        filled.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void writeLoop() {
    while (true) {
      int lines = writePending();
      if (lines > 1) {
        LockSupport.parkNanos(GATHER_NANOS); // more are coming: let them pile up
      } else if (lines == 0) {
        awaitLine();
      }
    }
  }

  private void awaitLine() {
    lock.lock();
    try {
      writerWaits = true;
      while (bufferedLines == 0) {
        filled.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writerWaits = false;
      lock.unlock();
    }
  }

  /** Write what is buffered in one write; return how many lines that was. */
  private int writePending() {
    synchronized (writing) { // the writer thread and the shutdown hook: one batch at a time, in order
      ByteArrayOutputStream out;
      int lines;
      lock.lock();
      try {
        if (bufferedLines == 0) {
          return 0;
        }
        out = buffer;
        lines = bufferedLines;
        buffer = spare;
        bufferedLines = 0;
        spare = out;
        drained.signalAll();
      } finally {
        lock.unlock();
      }
      try {
        PrintStream stdout = System.out;
        out.writeTo(stdout);
        stdout.flush();
      } catch (java.io.IOException e) {
        addError("writing the log to stdout failed", e); // PrintStream reports none; kept for other streams
      } finally {
        out.reset();
      }
      return lines;
    }
  }
}
