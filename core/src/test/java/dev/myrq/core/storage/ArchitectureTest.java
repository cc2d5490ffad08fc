package dev.myrq.core.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Storage stays behind core's port: outside core no code names the storage package, and outside core's storage
 * package no program code names a Lettuce type (tests may drive raw Redis through core's test helpers).
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..");
  private static final String STORAGE = "dev.myrq.core.storage";
  private static final String LETTUCE = "io.lettuce";

  @Test
  void no_module_but_core_uses_the_storage_package() {
    List<String> offenders = javaFiles(ROOT).filter(p -> !p.startsWith(ROOT.resolve("core")))
        .filter(p -> mentions(p, STORAGE)).map(Path::toString).toList();
    assertTrue(offenders.isEmpty(), "these files use core's internal storage package: " + offenders);
  }

  @Test
  void no_lettuce_type_outside_core_storage_in_program_code() {
    Path storage = ROOT.resolve("core/src/main/java/dev/myrq/core/storage");
    List<String> offenders = javaFiles(ROOT).filter(p -> !p.toString().contains("/src/test/"))
        .filter(p -> !p.startsWith(storage)).filter(p -> mentions(p, LETTUCE)).map(Path::toString).toList();
    assertTrue(offenders.isEmpty(), "these files name Lettuce types outside core's storage: " + offenders);
  }

  private static Stream<Path> javaFiles(Path root) {
    try {
      return Files.walk(root)
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/."))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean mentions(Path file, String name) {
    try {
      return Files.readString(file).contains(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
