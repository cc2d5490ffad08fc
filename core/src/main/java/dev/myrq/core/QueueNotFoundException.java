package dev.myrq.core;

/** No queue of this name has ever had a job or a worker. */
public class QueueNotFoundException extends MyrqException {
  private static final long serialVersionUID = 1L;
  private final String queue;

  public QueueNotFoundException(String queue) {
    super("no such queue: " + queue);
    this.queue = queue;
  }

  public String queue() {
    return queue;
  }
}
