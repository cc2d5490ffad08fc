package dev.myrq.worker;

import dev.myrq.core.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the jobs directory when {@code --jobs-dir} is not given: {@code $MYRQ_JOBS_DIR} if set (and then only
 * it), else the first directory that exists of {@code ./jobs}, {@code jobs} beside the install's {@code lib}
 * (the jar's {@code ../jobs}, e.g. {@code ~/.local/share/myrq/jobs}), and {@code /opt/myrq/jobs}.
 */
final class JobsDirSearch {
  static final String ENV = "MYRQ_JOBS_DIR";
  static final Path SYSTEM_DIR = Path.of("/opt/myrq/jobs");

  private JobsDirSearch() {}

  /**
   * Return the jobs directory to use.
   *
   * @param given {@code --jobs-dir}, or null
   * @param jarDir the directory of the worker's jar, or null when not run from a jar
   * @throws InvalidConfigException naming every place it looked and how to set the directory
   */
  static Path find(Path given, Map<String, String> env, Path jarDir) {
    if (given != null) {
      if (!Files.isDirectory(given)) {
        throw new InvalidConfigException("jobs directory " + given + " does not exist; give --jobs-dir DIR");
      }
      return given;
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = Path.of(fromEnv);
      if (!Files.isDirectory(p)) {
        throw new InvalidConfigException(ENV + "=" + fromEnv + " is not a directory; create it or change " + ENV);
      }
      return p;
    }
    List<Path> candidates = candidates(jarDir);
    for (Path p : candidates) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    List<String> looked = new ArrayList<>();
    candidates.forEach(p -> looked.add(p.toString()));
    throw new InvalidConfigException(
        "no jobs directory: looked in " + String.join(", ", looked) + " (and $" + ENV
            + ", unset); give --jobs-dir DIR or set " + ENV + ", or run scripts/install.sh");
  }

  private static List<Path> candidates(Path jarDir) {
    List<Path> out = new ArrayList<>();
    out.add(Path.of("jobs"));
    if (jarDir != null) {
      Path beside = jarDir.toAbsolutePath().normalize().resolveSibling("jobs");
      if (!beside.equals(SYSTEM_DIR)) {
        out.add(beside);
      }
    }
    out.add(SYSTEM_DIR);
    return out;
  }

  /** The directory of the jar this class was loaded from, or null (classes directory, unknown location). */
  static Path jarDir() {
    try {
      Path p = Path.of(JobsDirSearch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") ? p.getParent() : null;
    } catch (Exception e) {
      return null;
    }
  }
}
