package dev.myrq.core;

/** Root of every failure myrq reports; the message is one line meant for a person. */
public class MyrqException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MyrqException(String message) {
    super(message);
  }

  public MyrqException(String message, Throwable cause) {
    super(message, cause);
  }
}
