package dev.myrq.core;

/** A setting (Redis URL, password file, option value) is malformed; the message names it. */
public class InvalidConfigException extends MyrqException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
