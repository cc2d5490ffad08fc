package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's {@code --queue NAME[:WEIGHT]} values: queue names, and weights when any value gives one (a value
 * without a weight then weighs 1). A name that itself ends in ':digits' is written with a weight, e.g. {@code a:2:1}.
 */
record QueueWeights(List<String> queues, List<Integer> weights) {
  static final int MAX_WEIGHT = 1000;
  private static final Pattern WEIGHTED = Pattern.compile("(.+):([0-9]{1,9})");

  /**
   * Read the option values.
   *
   * @throws InvalidConfigException for a weight below 1 or above {@link #MAX_WEIGHT}, or a queue given twice
   */
  static QueueWeights parse(List<String> values) {
    List<String> names = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    boolean anyWeight = false;
    for (String v : values) {
      Matcher m = WEIGHTED.matcher(v);
      int weight = 1;
      String name = v;
      if (m.matches()) {
        anyWeight = true;
        name = m.group(1);
        weight = Integer.parseInt(m.group(2));
        if (weight < 1 || weight > MAX_WEIGHT) {
          throw new InvalidConfigException("--queue " + v + ": the weight must be 1 to " + MAX_WEIGHT);
        }
      }
      names.add(name);
      weights.add(weight);
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new InvalidConfigException("--queue: a queue is given twice in " + values);
    }
    return new QueueWeights(List.copyOf(names), anyWeight ? List.copyOf(weights) : List.of());
  }
}
