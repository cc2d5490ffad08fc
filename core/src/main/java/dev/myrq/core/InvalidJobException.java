package dev.myrq.core;

/** A job (to enqueue, or read back from Redis) breaks the job format; the message names the bad field. */
public class InvalidJobException extends MyrqException {
  private static final long serialVersionUID = 1L;

  public InvalidJobException(String message) {
    super(message);
  }
}
