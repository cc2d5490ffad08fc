package com.acme;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that logs through SLF4J. The worker lends its slf4j-api to job classes, so these lines come out in the
 * worker's log format and carry the job's id, queue and attempt. Its own class, so that {@link Task} needs no SLF4J.
 */
public class Logged {
  private static final Logger LOG = LoggerFactory.getLogger(Logged.class);

  /** Log the message at INFO and return it. */
  public static String say(String message) {
    LOG.info("job says: {}", message);
    return message;
  }
}
