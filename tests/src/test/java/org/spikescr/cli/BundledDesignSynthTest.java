package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.spikescr.json.JsonCodec;
import org.spikescr.testing.ProjectPaths;

/**
 * The bundled default model's checked-in design ({@link ProjectPaths#BUNDLED_DESIGN}, the default
 * options) passes the whole-design lint and Yosys synthesis, fits the xc7z020 and has at most 8 LUT
 * levels between registers (the depth that 200 MHz needs): the promise of {@code spikescr synth} on
 * the design a user gets first. The figures are printed for the record; {@code docs/results.md}
 * keeps them.
 */
@ResourceLock(ProjectPaths.BUNDLED_DESIGN)
class BundledDesignSynthTest {

  @Test
  void theBundledDesignSynthesizesCleanAndFitsTheXc7z020() {
    String design = ProjectPaths.bundledDesign().toString();
    CliRunner.Result r = CliRunner.run("synth", "--design", design, "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    Map<String, Object> j = JsonCodec.parseObject(r.out());
    System.out.println("synth of " + ProjectPaths.BUNDLED_DESIGN + ": " + r.out());
    assertEquals("spikescr_top", j.get("top"), r.out());
    assertEquals("xc7z020", j.get("part"), r.out());
    assertEquals(0L, number(j, "lint_warnings"), r.out());
    assertTrue(number(j, "lut") > 10_000, "the whole network, not a stub: " + r.out());
    assertTrue(number(j, "dsp") > 0, "the embedding's multipliers: " + r.out());
    assertTrue(number(j, "bram36") > 20, "weights and buffers in block RAM: " + r.out());
    long depth = number(j, "logic_depth");
    assertTrue(depth > 0, r.out());
    assertTrue(depth <= 8, "at most 8 LUT levels between registers, for 200 MHz: " + r.out());
    Object path = j.get("critical_path");
    assertTrue(path instanceof java.util.List<?> l && !l.isEmpty(), "the longest path: " + r.out());
    assertEquals(true, j.get("fits"), "fits the xc7z020: " + r.out());
  }

  private static long number(Map<String, Object> j, String key) {
    Object v = j.get(key);
    assertTrue(v instanceof Number, key + " is a number: " + v);
    return Math.round(((Number) v).doubleValue());
  }
}
