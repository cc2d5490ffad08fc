package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** Job methods called through cached method handles: as a reflective call would, without wrapping what they throw. */
class JobInvokerTest {
  /** Job shapes: static, instance (a new instance per call), varargs, void, throwing. */
  public static class Jobs {
    private int calls;

    public static int add(int a, int b) {
      return a + b;
    }

    public int countCalls() {
      return ++calls;
    }

    public static String join(String sep, String... parts) {
      return String.join(sep, parts);
    }

    public void nothing() {}

    public static Object boom() {
      throw new IllegalStateException("boom");
    }
  }

  /** An instance method on a class without a public no-argument constructor. */
  public static class NoDefaultConstructor {
    public NoDefaultConstructor(int x) {}

    public int one() {
      return 1;
    }
  }

  private final JobInvoker invoker = new JobInvoker();

  @Test
  void static_and_instance_methods_return_their_result_each_call_on_a_new_instance() throws Throwable {
    assertEquals(5, invoker.invoke(method(Jobs.class, "add"), new Object[] {2, 3}));
    assertEquals(7, invoker.invoke(method(Jobs.class, "add"), new Object[] {3, 4}));
    assertEquals(1, invoker.invoke(method(Jobs.class, "countCalls"), new Object[0]));
    assertEquals(1, invoker.invoke(method(Jobs.class, "countCalls"), new Object[0]));
    assertNull(invoker.invoke(method(Jobs.class, "nothing"), new Object[0]));
  }

  @Test
  void varargs_take_their_array_as_the_last_argument() throws Throwable {
    assertEquals("a-b", invoker.invoke(method(Jobs.class, "join"), new Object[] {"-", new String[] {"a", "b"}}));
  }

  @Test
  void what_the_job_throws_comes_out_unwrapped() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> invoker.invoke(method(Jobs.class, "boom"), new Object[0]));
    assertEquals("boom", e.getMessage());
  }

  @Test
  void an_instance_method_without_a_public_no_argument_constructor_fails_each_call() throws Exception {
    Method one = method(NoDefaultConstructor.class, "one");
    assertThrows(NoSuchMethodException.class, () -> invoker.invoke(one, new Object[0]));
    assertThrows(NoSuchMethodException.class, () -> invoker.invoke(one, new Object[0]));
  }

  private static Method method(Class<?> c, String name) {
    for (Method m : c.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name);
  }
}
