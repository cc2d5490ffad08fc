package dev.myrq.worker;

import java.util.Set;

/**
 * The parent of the jobs class loader: the platform classes (the JDK), plus the worker's own slf4j-api and
 * nothing else of the worker. Job code that logs through SLF4J so reaches the worker's Logback, with its format,
 * its level settings and the job's MDC (job, queue, attempt); the worker's other classes and libraries stay
 * invisible to jobs. Parent first: an slf4j-api bundled in a job jar is shadowed by the worker's.
 */
final class LoggingApiLoader extends ClassLoader {
  /** The packages of slf4j-api; a job sees these and only these from the worker. */
  static final Set<String> PACKAGES = Set.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi");

  private final ClassLoader worker;

  LoggingApiLoader(ClassLoader worker) {
    super("myrq-jobs-parent", ClassLoader.getPlatformClassLoader());
    this.worker = worker;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isLoggingApi(name)) {
      return worker.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  static boolean isLoggingApi(String className) {
    int dot = className.lastIndexOf('.');
    return dot > 0 && PACKAGES.contains(className.substring(0, dot));
  }
}
