package dev.myrq.worker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The datagram socket to systemd's NOTIFY_SOCKET: a path, or {@code @name} in the abstract namespace. The JDK has
 * Unix domain sockets for streams only, so junixsocket provides the datagram one. Loaded only when systemd (or a
 * test) sets NOTIFY_SOCKET, so a worker started without it never loads the native library.
 */
final class NotifySocket implements AutoCloseable {
  private final AFUNIXDatagramChannel channel;
  private final AFUNIXSocketAddress target;

  private NotifySocket(AFUNIXDatagramChannel channel, AFUNIXSocketAddress target) {
    this.channel = channel;
    this.target = target;
  }

  static NotifySocket open(String notifySocket) throws IOException {
    AFUNIXSocketAddress target =
        notifySocket.startsWith("@")
            ? AFUNIXSocketAddress.inAbstractNamespace(notifySocket.substring(1))
            : AFUNIXSocketAddress.of(Path.of(notifySocket));
    return new NotifySocket(AFUNIXDatagramChannel.open(), target);
  }

  /** Send one notification, e.g. {@code READY=1}; newline-separated assignments may share a datagram. */
  synchronized void send(String state) throws IOException {
    channel.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), target);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
