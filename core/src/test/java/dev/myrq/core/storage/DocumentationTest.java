package dev.myrq.core.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobFields;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's "Redis keys" and "Job hash format" tables name every key and every field core defines. */
class DocumentationTest {
  private static String readme() throws Exception {
    return Files.readString(Path.of("../README.md"));
  }

  @Test
  void every_redis_key_is_in_the_readme() throws Exception {
    String readme = readme();
    Keys keys = new Keys("myrq");
    List<String> missing = new ArrayList<>();
    for (Method m : Keys.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || !m.getReturnType().equals(String.class) || m.getName().equals("prefix")
          || m.getName().equals("jobPrefix")) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      if (m.getParameterCount() == 1) {
        args[0] = m.getName().equals("worker") ? "<name>" : "q";
      } else if (m.getParameterCount() == 2 && m.getParameterTypes()[1] == int.class) {
        args[0] = "q";
        args[1] = 7;
      } else if (m.getParameterCount() == 2) {
        args[0] = "q";
        args[1] = m.getName().equals("unique") ? "<key>" : "<id>";
      }
      String key = ((String) m.invoke(keys, args)).replace(":7", ":<p>");
      if (!readme.contains("`" + key + "`")) {
        missing.add(key);
      }
    }
    assertTrue(missing.isEmpty(), "README.md lacks keys " + missing);
  }

  @Test
  void every_job_hash_field_stats_field_and_worker_field_is_in_the_readme() throws Exception {
    String readme = readme();
    List<String> missing = new ArrayList<>();
    for (String f : JobFields.FIELDS) {
      if (!readme.contains("| `" + f + "` |")) {
        missing.add(f);
      }
    }
    for (String f : StatsHash.FIELDS) {
      if (!readme.contains("`" + f + "`")) {
        missing.add(f);
      }
    }
    for (String f : dev.myrq.core.CronFields.FIELDS) {
      if (!readme.contains("| `" + f + "` |")) {
        missing.add("cron entry " + f);
      }
    }
    for (String f : WorkerRegistry.FIELDS) {
      if (!readme.contains(f)) {
        missing.add(f);
      }
    }
    assertTrue(missing.isEmpty(), "README.md lacks fields " + missing);
  }
}
