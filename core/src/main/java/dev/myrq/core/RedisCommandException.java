package dev.myrq.core;

/**
 * Redis answered a command with an error: about the call itself (a script error, an argument too large), or
 * about a state of the server that passes (a read-only replica, LOADING, BUSY, OOM, a failover).
 */
public class RedisCommandException extends MyrqException {
  private static final long serialVersionUID = 1L;
  private final boolean refused;

  public RedisCommandException(String message, Throwable cause, boolean refused) {
    super(message, cause);
    this.refused = refused;
  }

  /**
   * Return true when Redis refused the call itself, so the same call fails again; false for a passing state of
   * the server, after which the same call may well succeed.
   */
  public boolean refused() {
    return refused;
  }
}
