package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Private copies of the jobs jars, taken at start, from which the job classes load. A jar overwritten in place
 * while the worker runs (same inode, {@code cp new.jar jobs/x.jar}) would otherwise change under the open class
 * loader and break its classes for good; with copies, new jars take effect on the next start, as documented.
 * The copies live in a temporary directory removed on close.
 */
final class JarSnapshot implements AutoCloseable {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

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
      dir = newPrivateDirectory();
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

  /**
   * A new directory {@code myrq-jobs-N} in java.io.tmpdir, readable by its owner only, as
   * Files.createTempDirectory makes it but without seeding SecureRandom for the name (several milliseconds of a
   * worker's start before its first fetch, in the class-load log the only use of it before the first job). The name
   * needs no secrecy: the directory is created anew (a name taken, even by a link, is skipped) and owner-only.
   */
  private static Path newPrivateDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int attempt = 1; ; attempt++) {
      Path dir = tmp.resolve("myrq-jobs-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
      try {
        return posix ? Files.createDirectory(dir, OWNER_ONLY) : Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
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
