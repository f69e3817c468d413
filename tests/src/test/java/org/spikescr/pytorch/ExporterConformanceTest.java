package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.conformance.ConformanceCheck;
import org.spikescr.conformance.ConformanceReport;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.model.QkLayout;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.sim.FloatPrecision;

/**
 * The authors' own state_dict, exported by {@code tools/pytorch/export.py} and run by the Java
 * float simulator, reproduces the labels and spikes the authors' PyTorch code produced.
 */
class ExporterConformanceTest {
  @TempDir Path dir;

  @Test
  void exportedAuthorsCheckpointReproducesTheirSpikesAndLabels() {
    Path official = Python.shared().resolve("conformance/official-shd-random");
    Path exported = dir.resolve("official.h5");
    Python.Result r =
        Python.run(
            300,
            "tools/pytorch/export.py",
            "--config",
            "shd",
            "--frame-ms",
            "10",
            "--time-steps",
            "40",
            official.resolve("model.pt").toString(),
            exported.toString());
    assertEquals(0, r.code(), r.output());
    SpikeScrModel m = ModelFile.read(exported);
    assertEquals(QkLayout.OFFICIAL, m.config().qkLayout());

    ConformanceCase fromNpy = ConformanceCase.load(official);
    for (Map.Entry<String, Tensor> e : fromNpy.model().parameters().entrySet()) {
      assertArrayEquals(e.getValue().data(), m.tensor(e.getKey()).data(), e.getKey());
    }

    ConformanceCase c = ConformanceCase.load(official, m);
    ConformanceReport f32 = ConformanceCheck.run(c, FloatPrecision.FLOAT32, n -> {});
    assertArrayEquals(c.labels(), f32.predictions());
    for (ConformanceReport.Layer l : f32.layers()) {
      assertEquals(0, l.mismatches(), l.name() + " in float32 conformance mode");
    }
    ConformanceReport dbl = ConformanceCheck.run(c, FloatPrecision.DOUBLE, n -> {});
    assertTrue(
        dbl.passes(ConformanceCheck.REQUIRED_AGREEMENT), "double: " + dbl.minSpikeAgreement());
  }
}
