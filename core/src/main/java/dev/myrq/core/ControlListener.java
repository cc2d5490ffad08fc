package dev.myrq.core;

/**
 * Hears an operator's controls for a worker's queues (see {@link Broker#listenForControl}). Called on the
 * client's I/O thread: return quickly.
 */
public interface ControlListener {
  /** The job was canceled while this or another worker ran it: interrupt it if it runs here. */
  void canceled(String queue, String id);

  /** The queue was paused. */
  void paused(String queue);

  /** The queue was resumed. */
  void resumed(String queue);
}
