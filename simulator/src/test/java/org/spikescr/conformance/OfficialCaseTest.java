package org.spikescr.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spikescr.sim.FloatPrecision;

class OfficialCaseTest {
  static Path sharedDir() {
    String root = System.getProperty("spikescr.root", "..");
    Path p = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared");
    String override = System.getenv("SPIKESCR_SHARED");
    if (override != null) {
      p = Path.of(override);
    }
    assertTrue(Files.isDirectory(p), "shared data directory not found at " + p);
    return p;
  }

  @Test
  void float32ModeReproducesEverySpikeOfTheAuthorsCode() {
    ConformanceCase c =
        ConformanceCase.load(sharedDir().resolve("conformance/official-shd-random"));
    ConformanceReport r = ConformanceCheck.run(c, FloatPrecision.FLOAT32, n -> {});
    for (ConformanceReport.Layer l : r.layers()) {
      System.out.printf(
          "%-40s %d/%d mismatches %d%n", l.name(), l.identical(), l.values(), l.mismatches());
    }
    System.out.println("max logit diff " + r.maxLogitDifference());
    assertArrayEquals(c.labels(), r.predictions());
    for (ConformanceReport.Layer l : r.layers()) {
      assertEquals(0, l.mismatches(), l.name());
    }
  }

  @Test
  void doubleModeAgreesOnLabelsAndNearlyAllSpikes() {
    ConformanceCase c =
        ConformanceCase.load(sharedDir().resolve("conformance/official-shd-random"));
    ConformanceReport r = ConformanceCheck.run(c, FloatPrecision.DOUBLE, n -> {});
    for (ConformanceReport.Layer l : r.layers()) {
      System.out.printf(
          "double %-40s %d/%d mismatches %d%n",
          l.name(), l.identical(), l.values(), l.mismatches());
    }
    assertTrue(r.passes(ConformanceCheck.REQUIRED_AGREEMENT), "report " + r.minSpikeAgreement());
  }
}
