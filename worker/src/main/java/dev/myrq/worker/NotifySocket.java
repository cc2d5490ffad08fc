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
  /** Where junixsocket unpacks its native library (default: java.io.tmpdir). */
  static final String LIBRARY_DIR_PROPERTY = "org.newsclub.net.unix.library.tmpdir";

  private final AFUNIXDatagramChannel channel;
  private final AFUNIXSocketAddress target;

  private NotifySocket(AFUNIXDatagramChannel channel, AFUNIXSocketAddress target) {
    this.channel = channel;
    this.target = target;
  }

  /**
   * Open a socket to {@code notifySocket}. Under systemd with a StateDirectory= (the unit has one), the native
   * library is unpacked there rather than in /tmp, which hardened hosts mount noexec.
   */
  static NotifySocket open(String notifySocket, String stateDirectory) throws IOException {
    if (stateDirectory != null && !stateDirectory.isEmpty() && System.getProperty(LIBRARY_DIR_PROPERTY) == null) {
      System.setProperty(LIBRARY_DIR_PROPERTY, stateDirectory.split(":")[0]);
    }
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
