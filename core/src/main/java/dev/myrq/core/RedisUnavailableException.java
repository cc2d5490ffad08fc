package dev.myrq.core;

/** Redis could not be reached or did not answer in time. */
public class RedisUnavailableException extends MyrqException {
  private static final long serialVersionUID = 1L;

  public RedisUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
