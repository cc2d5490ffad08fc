package dev.myrq.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.myrq.core.JobRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainJsonTest {
  private static String gson(Object... values) {
    return Json.GSON.toJsonTree(Arrays.asList(values)).getAsJsonArray().toString();
  }

  @Test
  void every_char_of_the_basic_plane_is_written_as_gson_writes_it() {
    List<Object> values = new ArrayList<>();
    for (char c = 0; c < 0xd800; c++) {
      values.add("a" + c + "b");
    }
    Object[] all = values.toArray();
    assertEquals(gson(all), PlainJson.array(all));
  }

  @Test
  void numbers_booleans_nulls_and_random_strings_are_written_as_gson_writes_them() {
    Object[] numbers = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, (short) 7,
      (byte) -3, 0.0, -0.0, 0.1, 1.0, 1e-7, 1e21, 123456789.125, Double.MAX_VALUE, Double.MIN_VALUE, true, false,
      null, "", "x"};
    assertEquals(gson(numbers), PlainJson.array(numbers));
    Random random = new Random(11);
    for (int n = 0; n < 200; n++) {
      char[] cs = new char[random.nextInt(40)];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
      }
      Object[] one = {new String(cs), random.nextLong(), random.nextDouble() * 1e6};
      assertEquals(gson(one), PlainJson.array(one));
    }
  }

  @Test
  void values_that_are_not_plain_are_left_to_gson_with_its_rules() {
    assertNull(PlainJson.array(new Object[] {1, List.of(2)}));
    assertNull(PlainJson.array(new Object[] {Map.of("a", 1)}));
    assertNull(PlainJson.array(new Object[] {1.5f}));
    assertNull(PlainJson.array(new Object[] {Double.NaN}));
    assertEquals("[[1,2],{\"a\":\"b\"}]", JobRequest.of("a.B.c", List.of(1, 2), Map.of("a", "b")).args());
    assertThrows(IllegalArgumentException.class, () -> JobRequest.of("a.B.c", Double.POSITIVE_INFINITY));
    assertEquals("[\"x\\ny\",2,null,3.5,true]", JobRequest.of("a.B.c", "x\ny", 2, null, 3.5, true).args());
  }

  @Test
  void the_array_check_agrees_with_the_strict_parser() {
    String[] texts = {"[]", "[1,2]", " [ \"a\" , {\"b\":[null,true]} ] ", "[1,]", "[1", "[1]]", "[1] x", "{}", "1",
      "\"s\"", "[NaN]", "[01]", "['a']", "[a]", "[\"\\x\"]", "[1e5,-0.5E-3]", "", "[//c\n1]", "[1];", "[\"\t\"]",
      "[{\"\n\":1}]", "[1.]", "[-]", "[\"\\u12\"]", "[tru]", "[true false]", "[{\"a\" 1}]", "[{\"a\":1,}]",
      "[\"a\"\"b\"]", "[[[]],[{}]]", "[1]\n", "\ufeff[1]"};
    for (String t : texts) {
      boolean parsed;
      try {
        parsed = Json.parseStrict(t).isJsonArray();
      } catch (RuntimeException e) {
        parsed = false;
      }
      assertEquals(parsed, PlainJson.isStrictArray(t), t);
    }
  }
}
