package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.cli.Main;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.vectors.GoldenSet;

/**
 * The PyTorch integer forward pass ({@code tools/pytorch/spikescr/intsim.py}) computes the same
 * integers as the Java fixed-point simulator: every tensor of a golden vector set (input, every LIF
 * layer's spikes, input and membrane, attention scores, head logits, readout scores, class) is
 * compared element by element by {@code tools/pytorch/check_intsim.py}, which must report no
 * mismatch. Cases: the bundled student's golden vectors (quantized here with the default settings,
 * as they were written), and random networks in both q/k layouts at depths 1 and 2.
 */
class IntegerReferenceTest {
  static final Path GOLDEN =
      Python.root().resolve("tests/src/test/resources/golden/fsdd-student-t40");

  /**
   * Tensors per utterance of a depth-1 model: input, 17 LIF layers x 3, scores, logits, scores,
   * class.
   */
  static final int TENSORS_PER_SAMPLE_DEPTH_1 = 56;

  @TempDir Path dir;

  private static void cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, String.join(" ", args) + "\n" + err);
  }

  private static Python.Result check(Path model, Path golden) {
    return Python.run(
        300,
        "tools/pytorch/check_intsim.py",
        "--model",
        model.toString(),
        "--golden",
        golden.toString(),
        "--require-spikes");
  }

  private Path quantizedStudent() {
    Path q = dir.resolve("student-q.h5");
    cli(
        "quantize",
        "--model",
        Python.root().resolve("models/fsdd-student-t40.h5").toString(),
        "--out",
        q.toString());
    return q;
  }

  @Test
  void bundledStudentGoldenVectorsAreReproducedExactly() {
    Python.Result r = check(quantizedStudent(), GOLDEN);
    System.out.println(r.output());
    assertEquals(0, r.code(), r.output());
    int tensors = 2 * TENSORS_PER_SAMPLE_DEPTH_1;
    assertTrue(
        r.output().contains("compared " + tensors + " tensors, 559862 elements: 0 mismatches"),
        r.output());
  }

  @Test
  void oneChangedGoldenValueIsReportedAsExactlyOneMismatch() throws IOException {
    Path q = quantizedStudent();
    Path copy = Files.createDirectories(dir.resolve("golden"));
    Files.copy(GOLDEN.resolve("index.json"), copy.resolve("index.json"));
    for (String s : List.of("s0000", "s0001")) {
      Files.createDirectories(copy.resolve(s));
      try (Stream<Path> files = Files.list(GOLDEN.resolve(s))) {
        for (Path f : files.toList()) {
          Files.copy(f, copy.resolve(s).resolve(f.getFileName()));
        }
      }
    }
    // one membrane of the attention LIF, step 0 lane 0 of utterance 1: +1 (16-bit words)
    Path f = copy.resolve("s0001/blocks.0.attn.attn_lif.membrane.hex");
    List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.US_ASCII));
    long v = Long.parseLong(lines.get(0), 16);
    lines.set(0, String.format("%04x", (v + 1) & 0xffff));
    Files.write(f, lines, StandardCharsets.US_ASCII);
    Python.Result r = check(q, copy);
    assertEquals(1, r.code(), r.output());
    assertTrue(r.output().contains(": 1 mismatches"), r.output());
    assertTrue(
        r.output()
            .contains(
                "sample 1 blocks.0.attn.attn_lif.membrane: 1 of 5120 differ, first at [0, 0]"),
        r.output());
  }

  record Case(QkLayout layout, int depth, long seed) {
    @Override
    public String toString() {
      return layout.fileName() + " layout, depth " + depth;
    }
  }

  static Stream<Case> randomCases() {
    return Stream.of(
        new Case(QkLayout.OFFICIAL, 1, 31),
        new Case(QkLayout.OFFICIAL, 2, 32),
        new Case(QkLayout.TIME, 2, 33));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomCases")
  void randomNetworksAreReproducedExactly(Case k) {
    int steps = 24;
    ModelConfig c =
        new ModelConfig(
            32, 4, k.depth(), 48, 7, 5, InputKind.SPIKES, 20, 25.0, 0, steps, k.layout());
    SpikeScrModel m = RandomModel.create(c, k.seed(), 2.0);
    QuantizedModel q = Quantizer.quantize(m, QuantSettings.defaults(c));
    Path file = dir.resolve("random-q.h5");
    QuantizedModelFile.write(q, file);
    List<double[][]> frames = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      frames.add(RandomModel.counts(steps, c.inputChannels(), 1.5, k.seed() * 10 + s));
    }
    Path golden = dir.resolve("golden");
    GoldenSet.write(q, Map.of("model", "random-q.h5"), frames, new int[] {0, 1, 2}, golden);
    Python.Result r = check(file, golden);
    System.out.println(k + ":\n" + r.output());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains(" 0 mismatches"), r.output());
  }
}
