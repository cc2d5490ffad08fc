package dev.myrq.core;

/**
 * A write reached the Redis master, but fewer replicas than {@link RedisSettings#minReplicas} confirmed it in time
 * ({@code WAIT}): it is lost if the master fails before a replica has it. The write is not undone, so an enqueued
 * job may also run; {@link #what} names the write (e.g. the job id).
 */
public class ReplicaWaitException extends MyrqException {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final long confirmed;
  private final int wanted;

  public ReplicaWaitException(String what, long confirmed, int wanted, String why) {
    super(what + " reached the Redis master, but " + confirmed + " of " + wanted + " replicas confirmed the write ("
        + why + "): lost if the master fails before a replica has it, else kept");
    this.what = what;
    this.confirmed = confirmed;
    this.wanted = wanted;
  }

  /** The write, as in the message: {@code job <id>}, {@code 500 jobs}... */
  public String what() {
    return what;
  }

  /** Replicas that confirmed the write. */
  public long confirmed() {
    return confirmed;
  }

  /** Replicas asked for ({@link RedisSettings#minReplicas}). */
  public int wanted() {
    return wanted;
  }
}
