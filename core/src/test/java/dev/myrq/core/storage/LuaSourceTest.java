package dev.myrq.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LuaSourceTest {
  private static List<String> helpers(String source) {
    List<String> out = new ArrayList<>();
    for (String line : source.split("\n")) {
      if (line.startsWith("local function ")) {
        out.add(line.substring("local function ".length(), line.indexOf('(')));
      }
    }
    return out;
  }

  @Test
  void a_step_gets_the_helpers_it_calls_and_theirs_in_lib_order() {
    assertEquals(List.of("now_ms", "level_list", "mark_ready"), helpers(Scripts.ENQUEUE.source()));
    List<String> complete = helpers(Scripts.COMPLETE.source());
    assertTrue(complete.containsAll(List.of("trim_registry", "add_to_registry", "job_priority", "level_list",
        "mark_ready", "push_waiting")), complete.toString());
    assertTrue(complete.indexOf("trim_registry") < complete.indexOf("add_to_registry"));
  }

  @Test
  void a_name_inside_a_longer_name_is_not_a_call_and_a_block_without_a_function_is_kept() {
    String lib = "-- header\nlocal X = 1\n\n-- a\nlocal function a(x)\n  return x\nend\n\n"
        + "-- b\nlocal function ba(x)\n  return a(x)\nend\n\n-- c\nlocal function c()\nend\n";
    assertEquals("-- header\nlocal X = 1\n\nreturn extra_c()", LuaSource.of(lib, "return extra_c()"));
    String withB = LuaSource.of(lib, "return ba(1)");
    assertEquals(List.of("a", "ba"), helpers(withB));
  }
}
