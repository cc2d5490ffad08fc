package dev.myrq.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * The order in which one fetch tries the worker's queues. Strict (no weights): always as given, so a later queue
 * gets jobs only while the earlier ones are empty. Weighted ({@code --queue high:5 --queue low:1}): a new random
 * order per fetch in which each queue comes first with a chance proportional to its weight, as Sidekiq does, so
 * a busy high queue cannot starve the low one.
 */
final class QueueOrder {
  private final List<String> queues;
  private final List<String> tickets;
  private final Random random;

  private QueueOrder(List<String> queues, List<String> tickets, Random random) {
    this.queues = List.copyOf(queues);
    this.tickets = tickets;
    this.random = random;
  }

  /** An order for these queues; weights empty means strict, else one weight (at least 1) per queue. */
  static QueueOrder of(List<String> queues, List<Integer> weights, Random random) {
    if (weights.isEmpty()) {
      return new QueueOrder(queues, List.of(), random);
    }
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      tickets.addAll(Collections.nCopies(weights.get(i), queues.get(i)));
    }
    return new QueueOrder(queues, tickets, random);
  }

  /** The queues in the order to try them now. */
  List<String> next() {
    if (tickets.isEmpty()) {
      return queues;
    }
    List<String> shuffled = new ArrayList<>(tickets);
    Collections.shuffle(shuffled, random);
    return List.copyOf(new LinkedHashSet<>(shuffled));
  }

  boolean weighted() {
    return !tickets.isEmpty();
  }
}
