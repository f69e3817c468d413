package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the PyTorch side's own test suite ({@code tools/pytorch/tests}: model, exporter, framing,
 * distillation loss, training smoke test) with Debian's Python, so that the one test command of the
 * project covers it.
 *
 * <p>It reports how many Python tests ran and were skipped, fails if none ran, and accepts only
 * skips whose reason names CUDA (the GPU test on a machine without one).
 */
class PythonUnitTestsTest {
  private static final Pattern RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in ");
  private static final Pattern SKIPPED_TOTAL = Pattern.compile("(?m)^OK \\(.*skipped=(\\d+).*\\)$");
  private static final Pattern SKIP_LINE = Pattern.compile("(?m)^(.*) \\.\\.\\. skipped '(.*)'$");

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
    String out = r.output();
    System.out.println(out);
    assertEquals(0, r.code(), out);
    assertTrue(out.contains("\nOK"), out);

    Matcher ran = RAN.matcher(out);
    assertTrue(ran.find(), "no 'Ran N tests' line in the output:\n" + out);
    int total = Integer.parseInt(ran.group(1));
    Matcher skippedTotal = SKIPPED_TOTAL.matcher(out);
    int skipped = skippedTotal.find() ? Integer.parseInt(skippedTotal.group(1)) : 0;
    List<String> skips = new ArrayList<>();
    Matcher line = SKIP_LINE.matcher(out);
    while (line.find()) {
      skips.add(line.group(1) + ": " + line.group(2));
      assertTrue(
          line.group(2).contains("CUDA"),
          "only the CUDA test may be skipped, and only without a GPU: " + line.group());
    }
    System.out.println(
        "Python tests: " + (total - skipped) + " ran, " + skipped + " skipped " + skips);
    assertEquals(skipped, skips.size(), "skip lines " + skips + " against the summary:\n" + out);
    assertTrue(total - skipped > 0, "the Python suite ran no test:\n" + out);
  }
}
