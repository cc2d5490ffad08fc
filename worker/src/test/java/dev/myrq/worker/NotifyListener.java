package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** A NOTIFY_SOCKET bound by the test, playing systemd: it records the datagrams a worker sends. */
final class NotifyListener implements AutoCloseable {
  final Path path;
  private final AFUNIXDatagramSocket socket;
  private final List<String> received = new ArrayList<>();

  NotifyListener() throws IOException {
    Path dir = Files.createTempDirectory("myrq-notify");
    this.path = dir.resolve("notify.sock");
    this.socket = AFUNIXDatagramSocket.newInstance();
    socket.bind(AFUNIXSocketAddress.of(path));
  }

  /** Wait up to {@code max} for a datagram that matches; fail naming all received so far. */
  String await(Predicate<String> wanted, Duration max) throws IOException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      socket.setSoTimeout((int) Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000)));
      DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      }
      String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
      received.add(msg);
      if (wanted.test(msg)) {
        return msg;
      }
    }
    fail("no matching notification within " + max + "; received " + received);
    return null;
  }

  /** Return true if a matching datagram arrives within {@code max}. */
  boolean arrives(Predicate<String> wanted, Duration max) throws IOException {
    try {
      await(wanted, max);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    Files.deleteIfExists(path);
  }
}
