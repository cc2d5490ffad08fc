package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Private copies of the jobs jars, taken at start, from which the job classes load. A jar overwritten in place
 * while the worker runs (same inode, {@code cp new.jar jobs/x.jar}) would otherwise change under the open class
 * loader and break its classes for good; with copies, new jars take effect on the next start, as documented.
 * The copies live in a temporary directory removed on close.
 */
final class JarSnapshot implements AutoCloseable {
  private final Path dir;
  private final List<Path> jars;

  private JarSnapshot(Path dir, List<Path> jars) {
    this.dir = dir;
    this.jars = jars;
  }

  /**
   * Copy every jar of the jobs directory.
   *
   * @throws InvalidConfigException when a jar cannot be read or copied
   */
  static JarSnapshot of(Path jobsDir) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("myrq-jobs-");
      List<Path> copies = new ArrayList<>();
      for (Path jar : JobLoader.jars(jobsDir)) {
        Path copy = dir.resolve(jar.getFileName().toString());
        Files.copy(jar, copy);
        copies.add(copy);
      }
      return new JarSnapshot(dir, List.copyOf(copies));
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw new InvalidConfigException("cannot copy the jobs jars of " + jobsDir + " to a private directory: " + e);
    }
  }

  /** The copies, sorted by name. */
  List<Path> jars() {
    return jars;
  }

  @Override
  public void close() {
    delete(dir);
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
