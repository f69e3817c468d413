package org.spikescr.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.cli.Main;
import org.spikescr.json.JsonCodec;
import org.spikescr.testing.ProjectPaths;

/**
 * The bundled student's checked-in design ({@code hw-out/fsdd-student-t40}, the default options)
 * lints without a warning, synthesizes with Yosys without a latch, conflicting or missing driver,
 * and fits the xc7z020.
 */
class WholeDesignSynthTest {

  @Test
  void bundledDesignLintsSynthesizesAndFitsTheXc7z020() {
    Path design = ProjectPaths.root().resolve("hw-out/fsdd-student-t40");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "synth",
            "--design",
            design.toString(),
            "--part",
            "xc7z020",
            "--json");
    assertEquals(0, code, err.toString());
    Map<String, Object> r = JsonCodec.parseObject(out.toString());
    assertEquals("spikescr_top", r.get("top"));
    assertEquals(0, ((Number) r.get("lint_warnings")).intValue(), err.toString());
    assertEquals(true, r.get("fits"), out.toString());
    assertTrue(((Number) r.get("lut")).intValue() > 1000, out.toString());
    assertTrue(((Number) r.get("ff")).intValue() > 1000, out.toString());
    assertTrue(((Number) r.get("logic_depth")).intValue() > 0, out.toString());
  }
}
