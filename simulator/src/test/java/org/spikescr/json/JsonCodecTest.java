package org.spikescr.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  record Layer(String name, long referenceSpikes, double agreement) {}

  record Report(
      int samples, double energyUj, List<Integer> predictions, List<Layer> layers, String note) {}

  @Test
  void writesTheProjectLayout() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "x");
    m.put("shape", new int[] {40, 140});
    m.put("frame_ms", 25.0);
    m.put("big", 12_345_678.0);
    m.put("small", 1e-5);
    m.put("huge", 1e20);
    m.put("empty_list", List.of());
    m.put("empty_map", Map.of());
    m.put("rows", List.of(List.of(1L, 2L), List.of(3L, 4L)));
    m.put("objects", List.of(Map.of("a", true), Map.of("b", "q\"\n")));
    m.put("left_out", null);
    String want =
        """
        {
          "format": "x",
          "shape": [40, 140],
          "frame_ms": 25.0,
          "big": 12345678.0,
          "small": 1.0E-5,
          "huge": 1.0E20,
          "empty_list": [],
          "empty_map": {},
          "rows": [
            [1, 2],
            [3, 4]
          ],
          "objects": [
            {
              "a": true
            },
            {
              "b": "q\\"\\n"
            }
          ]
        }""";
    assertEquals(want, JsonCodec.pretty(m));
  }

  @Test
  void recordsHaveSnakeCaseKeysInDeclarationOrder() {
    Report r = new Report(3, 0.5, List.of(1, 2), List.of(new Layer("embed", 7, 1.0)), "n");
    String want =
        """
        {
          "samples": 3,
          "energy_uj": 0.5,
          "predictions": [1, 2],
          "layers": [
            {
              "name": "embed",
              "reference_spikes": 7,
              "agreement": 1.0
            }
          ],
          "note": "n"
        }""";
    assertEquals(want, JsonCodec.pretty(r));
  }

  @Test
  void snakeCaseKeepsDigitsAttached() {
    assertEquals("model_sha256", WritableTypes.snakeCase("modelSha256"));
    assertEquals("audio_s_per_cpu_s", WritableTypes.snakeCase("audioSPerCpuS"));
    assertEquals("samples", WritableTypes.snakeCase("samples"));
  }

  @Test
  void nanAndInfinityAreRefusedNamingThePosition() {
    NonFiniteNumberException nan =
        assertThrows(
            NonFiniteNumberException.class, () -> JsonCodec.pretty(Map.of("accuracy", Double.NaN)));
    assertEquals("$.accuracy", nan.path());
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    NonFiniteNumberException inRecord =
        assertThrows(
            NonFiniteNumberException.class,
            () ->
                JsonCodec.pretty(
                    new Report(
                        1,
                        0,
                        List.of(),
                        List.of(new Layer("a", 1, 1), new Layer("b", 1, Double.POSITIVE_INFINITY)),
                        "")));
    assertEquals("$.layers[1].agreement", inRecord.path());
    NonFiniteNumberException inArray =
        assertThrows(
            NonFiniteNumberException.class,
            () -> JsonCodec.pretty(List.of(new double[] {1, Double.NEGATIVE_INFINITY})));
    assertEquals("$[0][1]", inArray.path());
    assertThrows(NonFiniteNumberException.class, () -> JsonCodec.pretty(List.of(Float.NaN)));
  }

  @Test
  void unknownTypesAreRefusedNotStringified() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonCodec.pretty(Map.of("x", new StringBuilder("y"))));
    assertTrue(e.getMessage().contains("StringBuilder"), e.getMessage());
    for (Object o : List.of(Path.of("a"), new java.io.File("a"), Thread.State.NEW, new Object())) {
      assertThrows(
          IllegalArgumentException.class, () -> JsonCodec.pretty(Map.of("v", o)), o.toString());
    }
  }

  @Test
  void parsesStrictJson() {
    Map<String, Object> m =
        JsonCodec.parseObject("{\"b\": 1, \"a\": [2.5, \"x\", null, true], \"c\": 12345678901}");
    assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
    assertEquals(1, m.get("b"));
    assertEquals(12_345_678_901L, m.get("c"));
    assertEquals(2.5, ((List<?>) m.get("a")).get(0));
    for (String bad :
        List.of("{\"x\": NaN}", "{\"x\": Infinity}", "{\"x\": 1} 2", "{\"x\": 1", "[1]")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JsonCodec.parseObject(bad), bad);
      assertTrue(e.getMessage().contains("JSON"), e.getMessage());
    }
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> JsonCodec.parse("{\n\"x\": NaN}"));
    assertTrue(nan.getMessage().contains("'NaN'"), nan.getMessage());
    assertTrue(nan.getMessage().contains("line 2"), nan.getMessage());
    assertFalse(nan.getMessage().contains("enable"), nan.getMessage());
  }

  @Test
  void writtenTextParsesBackToTheSameValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "é\t\u0001");
    m.put("d", -0.1);
    m.put("l", List.of(1, 2));
    assertEquals(m, JsonCodec.parseObject(JsonCodec.pretty(m)));
  }
}
