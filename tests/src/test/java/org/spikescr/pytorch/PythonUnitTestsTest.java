package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs the PyTorch side's own test suite ({@code tools/pytorch/tests}: model, exporter, framing,
 * distillation loss, training smoke test) with Debian's Python, so that the one test command of the
 * project covers it.
 */
class PythonUnitTestsTest {
  @Test
  void pytorchToolsTestSuitePasses() {
    Python.Result r =
        Python.run(
            1200,
            "-m",
            "unittest",
            "discover",
            "-v",
            "-s",
            "tools/pytorch/tests",
            "-t",
            "tools/pytorch");
    System.out.println(r.output());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("\nOK"), r.output());
    assertTrue(!r.output().contains("Ran 0 tests"), "the suite ran no test");
  }
}
