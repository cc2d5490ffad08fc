package dev.myrq.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table: figure, value, target, ratio to R1, pass or miss. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  void row(String figure, String value, String target, String ratio, String result) {
    rows.add(new String[] {figure, value, target, ratio, result});
  }

  void atLeast(String figure, double v, String unit, double ratio, double r1) {
    row(figure, Results.fmt(v) + " " + unit,
        String.format(Locale.ROOT, ">= %.2f x R1 = %s", ratio, Results.fmt(ratio * r1)),
        String.format(Locale.ROOT, "%.2f", v / r1), v >= ratio * r1 ? "pass" : "MISS");
  }

  void atMost(String figure, double v, String unit, double max) {
    String value = unit.equals("ms") ? String.format(Locale.ROOT, "%.1f ms", v) : Results.fmt(v) + " " + unit;
    row(figure, value, String.format(Locale.ROOT, "<= %s %s", trim(max), unit), "", v <= max ? "pass" : "MISS");
  }

  void info(String figure, double v, String unit, double r1, String note) {
    row(figure, Results.fmt(v) + " " + unit, note, String.format(Locale.ROOT, "%.2f", v / r1), "");
  }

  String render() {
    String[] head = {"figure", "value", "target", "x R1", "result"};
    int[] w = new int[head.length];
    List<String[]> all = new ArrayList<>();
    all.add(head);
    all.addAll(rows);
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : all) {
      sb.append("| ");
      for (int i = 0; i < r.length; i++) {
        sb.append(String.format("%-" + w[i] + "s", r[i])).append(" | ");
      }
      sb.setLength(sb.length() - 1);
      sb.append('\n');
      if (r == head) {
        sb.append('|');
        for (int x : w) {
          sb.append("-".repeat(x + 2)).append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
