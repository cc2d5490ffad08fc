package dev.myrq.worker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a job's named arguments (kwargs) in their parameters' places: positional args fill the first parameters,
 * the kwargs the rest, by name. Names are read from the class file, so the job's jar must be compiled with
 * {@code javac -parameters}; without them the job fails with a line saying so.
 */
final class NamedArguments {
  /** Why kwargs do not fit one method. */
  static final class MismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    MismatchException(String message) {
      super(message);
    }
  }

  private NamedArguments() {}

  /** True when the class file has this method's parameter names. */
  static boolean namesPresent(Method m) {
    for (Parameter p : m.getParameters()) {
      if (!p.isNamePresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Return the arguments in parameter order (a varargs array given by name is spread out, as a caller would).
   *
   * @throws MismatchException naming the kwargs that match no parameter, or the parameters left without a value
   */
  static JsonArray merge(Method m, JsonArray positional, JsonObject kwargs) throws MismatchException {
    Parameter[] params = m.getParameters();
    if (positional.size() > params.length) {
      throw new MismatchException("takes " + params.length + " argument(s), the job has " + positional.size()
          + " positional ones besides its kwargs");
    }
    Set<String> unused = new HashSet<>(kwargs.keySet());
    List<String> missing = new ArrayList<>();
    JsonArray out = new JsonArray();
    positional.forEach(out::add);
    for (int i = positional.size(); i < params.length; i++) {
      String name = params[i].getName();
      JsonElement v = kwargs.get(name);
      unused.remove(name);
      if (v == null) {
        missing.add(name);
      } else if (m.isVarArgs() && i == params.length - 1 && v.isJsonArray()) {
        v.getAsJsonArray().forEach(out::add);
      } else {
        out.add(v);
      }
    }
    if (!unused.isEmpty() || !missing.isEmpty()) {
      throw new MismatchException("has parameters " + names(params) + (unused.isEmpty() ? "" : "; no parameter is named "
          + String.join(", ", new java.util.TreeSet<>(unused))) + (missing.isEmpty() ? "" : "; no value for "
          + String.join(", ", missing)));
    }
    return out;
  }

  private static String names(Parameter[] params) {
    List<String> n = new ArrayList<>();
    for (Parameter p : params) {
      n.add(p.getName());
    }
    return "(" + String.join(", ", n) + ")";
  }
}
