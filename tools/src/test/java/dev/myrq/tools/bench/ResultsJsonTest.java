package dev.myrq.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultsJsonTest {
  @Test
  void percentiles_are_nearest_rank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, LatencyRun.percentile(sorted, 50));
    assertEquals(10, LatencyRun.percentile(sorted, 99));
  }

  @Test
  void the_json_holds_every_figure_with_whole_numbers_unpadded() {
    Results r = new Results(50_000, 9, 2000);
    r.drains.add(new Drain(1, 8, 10_000, 1.5, 5, 2, 1, 20, 120, 30, 40));
    r.latency = new Latency(0.5, 1.0, 3.0, 0.6, 0.1);
    String json = ResultsJson.of(r);
    assertTrue(json.contains("\"n_jobs\": 2000,"), json);
    assertTrue(json.contains("\"drain_one_process_ratio\": 0.2000,"), json);
    assertTrue(json.trim().endsWith("}"), json);
  }
}
