package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the worker looks for its jobs directory when --jobs-dir is not given. */
class JobsDirSearchTest {
  @TempDir Path tmp;

  @Test
  void the_install_jobs_directory_beside_the_jar_is_found(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("lib"));
    Files.createDirectories(home.resolve("jobs"));
    assertEquals(home.resolve("jobs"), JobsDirSearch.find(null, Map.of(), home.resolve("lib")));
  }

  @Test
  void the_environment_variable_wins_and_must_exist() {
    assertEquals(tmp, JobsDirSearch.find(null, Map.of("MYRQ_JOBS_DIR", tmp.toString()), null));
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class,
            () -> JobsDirSearch.find(null, Map.of("MYRQ_JOBS_DIR", tmp.resolve("nope").toString()), null));
    assertEquals("MYRQ_JOBS_DIR=" + tmp.resolve("nope") + " is not a directory; create it or change MYRQ_JOBS_DIR",
        e.getMessage());
  }

  @Test
  void with_none_found_one_line_names_every_place_and_how_to_set_it() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> JobsDirSearch.find(null, Map.of(), tmp.resolve("lib")));
    assertEquals(
        "no jobs directory: looked in jobs, " + tmp.resolve("jobs") + ", /opt/myrq/jobs (and $MYRQ_JOBS_DIR, unset); "
            + "give --jobs-dir DIR or set MYRQ_JOBS_DIR, or run scripts/install.sh",
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void a_given_directory_must_exist() {
    assertEquals(tmp, JobsDirSearch.find(tmp, Map.of(), null));
    assertThrows(InvalidConfigException.class, () -> JobsDirSearch.find(tmp.resolve("x"), Map.of(), null));
  }
}
