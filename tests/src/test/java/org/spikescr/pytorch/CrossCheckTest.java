package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 *
 * <p>All cases are written by one {@code make_crosscheck.py --cases} run (one Python process, one
 * import of torch) with one torch thread (the tensors are tiny: a second thread writes the same
 * bytes, only slower, several times so on a busy machine); each case is then checked on its own.
 */
class CrossCheckTest {
  record Case(String layout, int depth, int seed) {
    String dirName() {
      return layout + "-" + depth;
    }

    @Override
    public String toString() {
      return layout + " layout, depth " + depth;
    }
  }

  static final List<Case> CASES =
      List.of(
          new Case("official", 1, 101),
          new Case("time", 1, 102),
          new Case("official", 2, 103),
          new Case("time", 2, 104));

  @TempDir static Path dir;

  static Stream<Case> cases() {
    return CASES.stream();
  }

  @BeforeAll
  static void writeAllCasesInOnePythonRun() throws IOException {
    String json =
        CASES.stream()
            .map(
                c ->
                    arguments(c).stream()
                        .map(CrossCheckTest::jsonString)
                        .collect(Collectors.joining(", ", "[", "]")))
            .collect(Collectors.joining(",\n ", "[", "]\n"));
    Path casesFile = dir.resolve("cases.json");
    Files.writeString(casesFile, json, StandardCharsets.UTF_8);
    Python.Result r =
        Python.run(900, "tools/pytorch/make_crosscheck.py", "--cases", casesFile.toString());
    assertEquals(0, r.code(), r.output());
  }

  /** A JSON string literal; the arguments are paths and numbers, so no control characters. */
  private static String jsonString(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static List<String> arguments(Case c) {
    return List.of(
        "--out",
        dir.resolve(c.dirName()).toString(),
        "--depth",
        Integer.toString(c.depth()),
        "--qk-layout",
        c.layout(),
        "--seed",
        Integer.toString(c.seed()),
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
        "1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pytorchAndJavaAgree(Case k) {
    ConformanceCase c = ConformanceCase.load(dir.resolve(k.dirName()));
    assertEquals(QkLayout.fromFileName(k.layout()), c.model().config().qkLayout());
    assertEquals(k.depth(), c.model().config().depth());
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
