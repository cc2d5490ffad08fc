package dev.myrq.core.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The source of one Lua step as SCRIPT LOAD gets it: the helpers of {@code lib.lua} the step calls (and the helpers
 * those call), in lib's order, then the step. Redis runs a script's whole text on every call, so each helper
 * defined costs a closure per call: the twelve of lib cost an enqueue about 6,000 of Redis's ~100,000 instructions
 * (callgrind), where it calls two. lib's blocks are separated by blank lines; a block that defines no {@code local
 * function} is always kept.
 */
final class LuaSource {
  private LuaSource() {}

  /** The helpers of {@code lib} that {@code step} needs, then {@code step}. */
  static String of(String lib, String step) {
    String[] blocks = blocks(lib);
    String[] names = new String[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      names[i] = definedName(blocks[i]);
    }
    boolean[] needed = new boolean[blocks.length];
    List<String> scan = new ArrayList<>(List.of(step));
    while (!scan.isEmpty()) {
      String text = scan.remove(scan.size() - 1);
      for (int i = 0; i < blocks.length; i++) {
        if (!needed[i] && (names[i] == null || calls(text, names[i]))) {
          needed[i] = true;
          scan.add(blocks[i]);
        }
      }
    }
    StringBuilder out = new StringBuilder(lib.length() + step.length() + 2);
    for (int i = 0; i < blocks.length; i++) {
      if (needed[i]) {
        out.append(blocks[i]).append("\n\n");
      }
    }
    return out.append(step).toString();
  }

  /** The text between blank lines (no regular expression: a one-shot command should not start one). */
  private static String[] blocks(String lib) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int end = lib.indexOf("\n\n"); end >= 0; end = lib.indexOf("\n\n", start)) {
      out.add(lib.substring(start, end));
      start = end + 2;
    }
    out.add(lib.substring(start));
    List<String> blocks = new ArrayList<>(out.size());
    for (String b : out) {
      if (!b.isBlank()) {
        blocks.add(b);
      }
    }
    return blocks.toArray(new String[0]);
  }

  /** The name after {@code local function} in a block, or null when it defines none. */
  private static String definedName(String block) {
    int at = block.indexOf("local function ");
    if (at < 0) {
      return null;
    }
    int start = at + "local function ".length();
    int end = block.indexOf('(', start);
    return end < 0 ? null : block.substring(start, end).trim();
  }

  /** True when {@code text} calls {@code name}: the name, not part of a longer one, then '(' (a definition counts). */
  private static boolean calls(String text, String name) {
    String call = name + "(";
    for (int at = text.indexOf(call); at >= 0; at = text.indexOf(call, at + 1)) {
      if (at == 0 || !isNamePart(text.charAt(at - 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNamePart(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
