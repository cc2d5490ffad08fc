package dev.myrq.worker;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls job methods through a method handle made once per method: {@code (Object[] args) -> result}, which for an
 * instance method first makes a new instance by the class's public no-argument constructor (one per call, as
 * before). Per job this replaces the reflective lookup of the constructor and the reflective calls, with their
 * access checks and argument copies. Thread-safe. What the job throws comes out as thrown (not wrapped); a
 * method or constructor that cannot be called throws the reflective exception that says why, on each call.
 */
final class JobInvoker {
  private final Map<Method, MethodHandle> handles = new ConcurrentHashMap<>();

  /** Call {@code method} with {@code args} (already converted to its parameter types, varargs as an array). */
  Object invoke(Method method, Object[] args) throws Throwable {
    MethodHandle h = handles.get(method);
    if (h == null) {
      h = handle(method);
      handles.put(method, h);
    }
    return (Object) h.invokeExact(args);
  }

  private static MethodHandle handle(Method m) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    int n = m.getParameterCount();
    MethodHandle target = lookup.unreflect(m).asFixedArity();
    if (Modifier.isStatic(m.getModifiers())) {
      return target.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
    }
    MethodHandle make = lookup.unreflectConstructor(m.getDeclaringClass().getConstructor())
        .asType(MethodType.methodType(Object.class));
    // (Object instance, Object[] args) -> result, its instance made by the constructor on each call
    MethodHandle onInstance = target.asType(MethodType.genericMethodType(n + 1)).asSpreader(Object[].class, n);
    return MethodHandles.foldArguments(onInstance, make);
  }
}
