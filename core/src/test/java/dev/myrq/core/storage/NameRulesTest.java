package dev.myrq.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept exactly what the regular expressions they replace accepted. */
class NameRulesTest {
  private static final Pattern FUNC =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");
  private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private static final List<String> SAMPLES = List.of(
      "", ".", "a", "a.", ".a", "a.b", "a..b", "com.acme.Task.run", "com.acme.Task.run.", "Task.add",
      "_x.$y", "$.$", "1a.b", "a.1b", "a1.b2", "a.b-c", "a.b c", "ünï.cödé", "a.b²", "a.bⅫ", "a.b٣", "Ⅻ.b",
      "java.lang.System.exit", "a.b\n", "\uD835\uDC00.b", "a.\uD835\uDFCE", "default", "slow:high", "q-1_2.3",
      "x".repeat(64), "x".repeat(65), "q q", "qé", "a/b", "*");

  @Test
  void func_rule_matches_the_old_regex_also_when_asked_again() {
    for (int round = 0; round < 2; round++) {
      for (String s : SAMPLES) {
        assertEquals(FUNC.matcher(s).matches(), NameRules.isFunc(s), "func '" + s + "'");
        assertEquals(FUNC.matcher(s).matches(), NameRules.isFunc(s), "func '" + s + "' again");
      }
    }
  }

  @Test
  void queue_rule_matches_the_old_regex() {
    for (String s : SAMPLES) {
      assertEquals(QUEUE.matcher(s).matches(), NameRules.isQueue(s), "queue '" + s + "'");
    }
  }
}
