package dev.myrq.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Resolves {@code com.acme.Task.run} to the public methods named {@code run} of class {@code com.acme.Task},
 * loaded only from the jars in the jobs directory. Those jars sit on a class loader whose parent is the platform
 * loader plus the worker's slf4j-api ({@link LoggingApiLoader}), so the worker's other classes and libraries are
 * invisible to jobs, and a JDK class (java.lang.System) or an SLF4J class is refused because it does not come from
 * the jobs jars. Lookups are cached per func.
 */
final class JobLoader implements AutoCloseable {
  /** A func that cannot run: unknown, forbidden or malformed. Retrying cannot fix it. */
  static final class UnrunnableJobException extends Exception {
    private static final long serialVersionUID = 1L;

    UnrunnableJobException(String message) {
      super(message);
    }
  }

  private final Path jobsDir;
  private final URLClassLoader loader;
  private final JarSnapshot snapshot;
  private final List<String> allowPackages;
  private final Map<String, List<Method>> cache = new ConcurrentHashMap<>();

  JobLoader(Path jobsDir, List<String> allowPackages) {
    this.jobsDir = jobsDir;
    this.allowPackages = allowPackages;
    this.snapshot = JarSnapshot.of(jobsDir);
    this.loader = new URLClassLoader(
        "myrq-jobs", jarUrls(snapshot.jars()), new LoggingApiLoader(JobLoader.class.getClassLoader()));
  }

  /** The jars in a jobs directory, sorted by name. */
  static List<Path> jars(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list jobs directory " + dir, e);
    }
  }

  private static URL[] jarUrls(List<Path> jars) {
    List<URL> urls = new ArrayList<>();
    for (Path p : jars) {
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return urls.toArray(new URL[0]);
  }

  /** Return the public methods {@code func} names, most parameters last. */
  List<Method> resolve(String func) throws UnrunnableJobException {
    List<Method> found = cache.get(func);
    if (found == null) {
      found = lookUp(func);
      cache.put(func, found);
    }
    return found;
  }

  private List<Method> lookUp(String func) throws UnrunnableJobException {
    int dot = func.lastIndexOf('.');
    if (dot <= 0 || dot == func.length() - 1) {
      throw new UnrunnableJobException("func '" + func + "' is not class.method");
    }
    String className = func.substring(0, dot);
    String methodName = func.substring(dot + 1);
    Class<?> cls;
    try {
      cls = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new UnrunnableJobException(
          "class " + className + " is not in the jobs directory " + jobsDir);
    }
    if (cls.getClassLoader() != loader) {
      throw new UnrunnableJobException(
          "class " + className + " is not a job class: only classes from the jars in " + jobsDir + " may run");
    }
    if (!allowed(className)) {
      throw new UnrunnableJobException(
          "class " + className + " is outside the allowed packages " + allowPackages);
    }
    List<Method> methods = new ArrayList<>();
    Method[] all;
    try {
      all = cls.getMethods();
    } catch (LinkageError e) { // a public method names a class the jobs jars lack
      throw new UnrunnableJobException("class " + className + " cannot be used: one of its public methods names a "
          + "class missing from the jobs jars (" + ErrorText.oneLine(e) + ")");
    }
    for (Method m : all) {
      if (m.getName().equals(methodName) && m.getDeclaringClass().getClassLoader() == loader) {
        methods.add(m);
      }
    }
    if (methods.isEmpty()) {
      throw new UnrunnableJobException("class " + className + " has no public method " + methodName);
    }
    if (!Modifier.isPublic(cls.getModifiers())) {
      throw new UnrunnableJobException("class " + className + " is not public");
    }
    methods.sort((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()));
    return List.copyOf(methods);
  }

  private boolean allowed(String className) {
    if (allowPackages.isEmpty()) {
      return true;
    }
    for (String p : allowPackages) {
      if (className.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The loader of the job classes, set as the job thread's context class loader. */
  ClassLoader classLoader() {
    return loader;
  }

  @Override
  public void close() throws IOException {
    try {
      loader.close();
    } finally {
      snapshot.close();
    }
  }
}
