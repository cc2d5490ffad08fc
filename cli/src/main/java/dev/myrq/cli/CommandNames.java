package dev.myrq.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Finds the command names closest to a mistyped word (edit distance, or a shared prefix). */
final class CommandNames {
  private CommandNames() {}

  /** The names at the smallest edit distance from the word, if that distance is small for its length. */
  static List<String> closest(String word, Collection<String> names) {
    int best = Integer.MAX_VALUE;
    List<String> out = new ArrayList<>();
    for (String name : names) {
      int d = name.startsWith(word) && word.length() >= 2 ? 1 : distance(word, name);
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best) {
        out.add(name);
      }
    }
    return best <= Math.max(2, word.length() / 3) ? out : List.of();
  }

  /** Levenshtein distance, counting a swap of two neighbours as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
