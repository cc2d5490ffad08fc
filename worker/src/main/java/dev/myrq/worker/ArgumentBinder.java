package dev.myrq.worker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.myrq.core.json.Json;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Converts a job's JSON args to a method's parameter types with Gson, and picks among overloads: the first (by
 * parameter count) whose count fits and whose parameters all convert. A varargs method takes the remaining
 * arguments as its array.
 */
final class ArgumentBinder {
  /** Arguments that fit no overload. Retrying cannot fix it. */
  static final class BadArgumentsException extends Exception {
    private static final long serialVersionUID = 1L;

    BadArgumentsException(String message) {
      super(message);
    }
  }

  /** A method and the converted arguments to call it with. */
  record Call(Method method, Object[] args) {}

  private ArgumentBinder() {}

  static Call bind(String func, List<Method> candidates, JsonArray args) throws BadArgumentsException {
    return bind(func, candidates, args, null);
  }

  /**
   * Bind positional args and, when {@code kwargs} is not null or empty, named ones (see {@link NamedArguments}).
   *
   * @throws BadArgumentsException when no overload fits; for kwargs without parameter names in the class file,
   *     saying to compile the job jar with {@code -parameters}
   */
  static Call bind(String func, List<Method> candidates, JsonArray args, JsonObject kwargs)
      throws BadArgumentsException {
    if (kwargs != null && !kwargs.isEmpty()) {
      return bindNamed(func, candidates, args, kwargs);
    }
    String firstError = null;
    for (Method m : candidates) {
      if (!fits(m, args.size())) {
        continue;
      }
      try {
        return new Call(m, convert(m, args));
      } catch (JsonParseException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
    }
    if (firstError != null) {
      throw new BadArgumentsException("cannot convert the args of " + func + ": " + firstError);
    }
    throw new BadArgumentsException(
        func + " takes " + counts(candidates) + " argument(s), the job has " + args.size());
  }

  private static Call bindNamed(String func, List<Method> candidates, JsonArray args, JsonObject kwargs)
      throws BadArgumentsException {
    String firstError = null;
    boolean anyNames = false;
    for (Method m : candidates) {
      if (!NamedArguments.namesPresent(m)) {
        continue;
      }
      anyNames = true;
      try {
        JsonArray all = NamedArguments.merge(m, args, kwargs);
        if (fits(m, all.size())) {
          return new Call(m, convert(m, all));
        }
      } catch (NamedArguments.MismatchException e) {
        if (firstError == null) {
          firstError = func + " " + e.getMessage();
        }
      } catch (JsonParseException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
        if (firstError == null) {
          firstError = "cannot convert the args of " + func + ": " + e.getMessage();
        }
      }
    }
    if (!anyNames) {
      throw new BadArgumentsException("the job has kwargs but the parameter names of " + func + " are not in its "
          + "class file: compile the job jar with javac -parameters (Maven: maven-compiler-plugin <parameters>true"
          + "</parameters>), or pass the arguments by position");
    }
    throw new BadArgumentsException(firstError != null ? firstError : func + ": no overload takes these kwargs");
  }

  private static boolean fits(Method m, int n) {
    int p = m.getParameterCount();
    return m.isVarArgs() ? n >= p - 1 : n == p;
  }

  private static Object[] convert(Method m, JsonArray args) {
    Type[] types = m.getGenericParameterTypes();
    Object[] out = new Object[types.length];
    int fixed = m.isVarArgs() ? types.length - 1 : types.length;
    for (int i = 0; i < fixed; i++) {
      out[i] = one(args.get(i), types[i], m.getParameterTypes()[i], i);
    }
    if (m.isVarArgs()) {
      Class<?> component = m.getParameterTypes()[fixed].getComponentType();
      Object rest = Array.newInstance(component, args.size() - fixed);
      for (int i = fixed; i < args.size(); i++) {
        Array.set(rest, i - fixed, one(args.get(i), component, component, i));
      }
      out[fixed] = rest;
    }
    return out;
  }

  private static Object one(JsonElement e, Type type, Class<?> raw, int index) {
    if (raw.isPrimitive() && e.isJsonNull()) {
      throw new IllegalStateException("argument " + (index + 1) + " is null but the parameter is " + raw.getName());
    }
    if (raw.isPrimitive() && raw != boolean.class && raw != char.class && !isNumber(e)) {
      throw new IllegalStateException("argument " + (index + 1) + " is " + e + ", not a number");
    }
    if ((raw == int.class || raw == long.class || raw == short.class || raw == byte.class
            || raw == Integer.class || raw == Long.class)
        && isNumber(e) && e.getAsBigDecimal().stripTrailingZeros().scale() > 0) {
      throw new IllegalStateException("argument " + (index + 1) + " is " + e + ", not a whole number");
    }
    try {
      return Json.GSON.fromJson(e, type);
    } catch (JsonParseException | IllegalStateException | NumberFormatException ex) {
      throw new IllegalStateException(
          "argument " + (index + 1) + " (" + abbreviate(e.toString()) + ") is not a " + type.getTypeName(), ex);
    }
  }

  private static boolean isNumber(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
  }

  private static String counts(List<Method> ms) {
    StringBuilder sb = new StringBuilder();
    for (Method m : ms) {
      if (sb.length() > 0) {
        sb.append(" or ");
      }
      sb.append(m.isVarArgs() ? (m.getParameterCount() - 1) + "+" : Integer.toString(m.getParameterCount()));
    }
    return sb.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
