package dev.myrq.tools.chaos;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import dev.myrq.core.QueueInfo;
import java.util.Locale;

/** Queue counts summed over every queue. */
record Progress(long queued, long started, long scheduled, long failed, long finished) {
  /** Read the counts; null while Redis does not answer (it is restarting). */
  static Progress of(MyrqClient client) {
    try {
      long q = 0, st = 0, sc = 0, f = 0, fin = 0;
      for (QueueInfo i : client.queues()) {
        q += i.queued();
        st += i.started();
        sc += i.scheduled();
        f += i.failed();
        fin += i.finished();
      }
      return new Progress(q, st, sc, f, fin);
    } catch (MyrqException e) {
      return null;
    }
  }

  boolean allEnded(int jobs) {
    return queued + started + scheduled == 0 && failed + finished >= jobs;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "finished %d, queued %d, running %d, failed %d", finished, queued, started, failed);
  }
}
