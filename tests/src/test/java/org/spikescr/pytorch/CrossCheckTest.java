package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.conformance.ConformanceCheck;
import org.spikescr.conformance.ConformanceReport;
import org.spikescr.model.QkLayout;
import org.spikescr.sim.FloatPrecision;

/**
 * The project's PyTorch model ({@code tools/pytorch}) and the Java float simulator agree on random
 * networks with randomized BatchNorm statistics, for both q/k layouts and depths 1 and 2: same
 * labels, and at least 99.9 % identical spikes in every LIF layer (both in double and in the
 * float32 conformance mode).
 */
class CrossCheckTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} layout, depth {1}")
  @CsvSource({"official,1,101", "time,1,102", "official,2,103", "time,2,104"})
  void pytorchAndJavaAgree(String layout, int depth, int seed) {
    Path out = dir.resolve(layout + "-" + depth);
    Python.Result r =
        Python.run(
            600,
            "tools/pytorch/make_crosscheck.py",
            "--out",
            out.toString(),
            "--depth",
            Integer.toString(depth),
            "--qk-layout",
            layout,
            "--seed",
            Integer.toString(seed),
            "--samples",
            "4",
            "--T",
            "32",
            "--d-model",
            "64",
            "--heads",
            "4",
            "--classes",
            "10",
            "--threads",
            "2");
    assertEquals(0, r.code(), r.output());
    ConformanceCase c = ConformanceCase.load(out);
    assertEquals(QkLayout.fromFileName(layout), c.model().config().qkLayout());
    assertEquals(depth, c.model().config().depth());
    for (FloatPrecision p : FloatPrecision.values()) {
      ConformanceReport rep = ConformanceCheck.run(c, p, n -> {});
      assertArrayEquals(c.labels(), rep.predictions(), p + " labels");
      for (ConformanceReport.Layer l : rep.layers()) {
        assertTrue(
            l.agreement() >= ConformanceCheck.REQUIRED_AGREEMENT,
            p + " " + l.name() + " agreement " + l.agreement());
        assertTrue(l.referenceSpikes() > 0, l.name() + " never fires: the check would be empty");
      }
    }
  }
}
