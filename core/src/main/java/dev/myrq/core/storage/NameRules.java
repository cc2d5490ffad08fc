package dev.myrq.core.storage;

/**
 * The shapes of a func and a queue name, checked character by character. They were regular expressions; in a
 * bulk enqueue of 20,000 jobs by a fresh JVM the JIT spent about 2.7 s of CPU compiling the regex matcher alone.
 */
final class NameRules {
  private static final int MAX_QUEUE = 64;

  private NameRules() {}

  /**
   * A Java class name and method, {@code [\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)+}: two or more
   * identifiers joined by dots.
   */
  static boolean isFunc(String s) {
    if (s == lastFunc) {
      return true;
    }
    if (!checkFunc(s)) {
      return false;
    }
    lastFunc = s;
    return true;
  }

  /**
   * The last func found good: a bulk enqueue usually names one func for all its jobs, the same String each time, and
   * a String does not change (in a cold client the check of every job's func was a third of its interpreted time).
   */
  private static volatile String lastFunc;

  private static boolean checkFunc(String s) {
    int parts = 0;
    boolean start = true;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char ch = s.charAt(i);
      int c = Character.isSurrogate(ch) ? s.codePointAt(i) : ch;
      i += c > 0xFFFF ? 2 : 1;
      if (c == '.') {
        if (start) {
          return false;
        }
        start = true;
      } else if (start ? isIdentifierStart(c) : isIdentifierPart(c)) {
        if (start) {
          parts++;
          start = false;
        }
      } else {
        return false;
      }
    }
    return !start && parts >= 2;
  }

  /** 1 to 64 of {@code A-Z a-z 0-9 _ . : -}. */
  static boolean isQueue(String s) {
    if (s.isEmpty() || s.length() > MAX_QUEUE) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == ':' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code [\p{L}_$]}; ASCII without the Unicode tables (a cold bulk enqueue spent a fifth of its time there). */
  private static boolean isIdentifierStart(int c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }
    return Character.isLetter(c);
  }

  /** {@code [\p{L}\p{N}_$]}. */
  private static boolean isIdentifierPart(int c) {
    if (c < 0x80) {
      return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
    if (isIdentifierStart(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
