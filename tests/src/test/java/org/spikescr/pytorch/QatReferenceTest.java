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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.cli.Main;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.testing.FsddEncode;
import org.spikescr.vectors.GoldenSet;

/**
 * The fake-quantized training forward pass ({@code tools/pytorch/spikescr/qat.py}) computes the
 * integer model: from the float parameters it derives every integer weight, bias, threshold, RoPE
 * and exp table entry that the Java quantizer writes, and on the golden inputs it produces every
 * LIF input, spike and membrane, attention score, logit, readout score and class of the Java
 * fixed-point simulator ({@code tools/pytorch/check_qat.py} compares them element by element).
 * Cases: the bundled student, the bundled quantization-aware student, random networks in both q/k
 * layouts, depths 1 and 2, weight widths 4, 6 and 8, membrane fraction bits 0, 2 and 4, spike and
 * mel input; and a wrong golden value and a changed float weight are both reported.
 */
class QatReferenceTest {
  @TempDir Path dir;

  private static void cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, String.join(" ", args) + "\n" + err);
  }

  private static Python.Result check(Path model, Path quantized, Path golden) {
    return Python.run(
        300,
        "tools/pytorch/check_qat.py",
        "--model",
        model.toString(),
        "--quantized",
        quantized.toString(),
        "--golden",
        golden.toString(),
        "--require-spikes");
  }

  @Test
  void bundledStudentIsReproducedExactly() {
    Path model = Python.root().resolve("models/fsdd-student-t40.h5");
    Path q = dir.resolve("student-q.h5");
    cli("quantize", "--model", model.toString(), "--out", q.toString());
    Python.Result r = check(model, q, IntegerReferenceTest.GOLDEN);
    System.out.println(r.output());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("integers: compared 47 tensors"), r.output());
    assertTrue(r.output().contains(": 0 mismatches\nforward: compared"), r.output());
    int tensors = 2 * IntegerReferenceTest.TENSORS_PER_SAMPLE_DEPTH_1;
    assertTrue(
        r.output().contains("forward: compared " + tensors + " tensors, 559862 elements: 0"),
        r.output());
  }

  @Test
  void bundledQuantizationAwareStudentIsReproducedExactly() {
    Path model = Python.root().resolve("models/fsdd-student-qat-t40.h5");
    SpikeScrModel m = ModelFile.read(model);
    assertEquals("qat-25ms", m.provenance().get("stage"));
    QuantSettings s = QuantSettings.defaults(m.config());
    assertTrue(
        m.provenance().get("qat").startsWith("weight_bits=" + s.weightBits() + " "),
        m.provenance().toString());
    QuantizedModel q = Quantizer.quantize(m, s);
    Path quantized = dir.resolve("student-qat-q.h5");
    QuantizedModelFile.write(q, quantized);
    // Four real test-split recordings (four speakers, four digits): on them every LIF layer of the
    // student fires, so every layer's comparison holds spikes (--require-spikes).
    Path data = dir.resolve("fsdd-four.h5");
    FsddEncode.encode(
        List.of(
            FsddEncode.recording(0, "jackson", 0),
            FsddEncode.recording(3, "nicolas", 1),
            FsddEncode.recording(6, "theo", 2),
            FsddEncode.recording(9, "yweweler", 3)),
        data);
    Path golden = dir.resolve("golden-qat");
    cli(
        "golden",
        "--model",
        quantized.toString(),
        "--data",
        data.toString(),
        "--samples",
        "4",
        "--out",
        golden.toString());
    Python.Result r = check(model, quantized, golden);
    System.out.println(r.output());
    assertEquals(0, r.code(), r.output());
    assertEquals(2, r.output().split(" 0 mismatches", -1).length - 1, r.output());
  }

  record Case(
      QkLayout layout, int depth, InputKind input, int weightBits, int fracBits, long seed) {
    @Override
    public String toString() {
      return layout.fileName()
          + " layout, depth "
          + depth
          + ", "
          + input.fileName()
          + " input, N="
          + weightBits
          + ", G="
          + fracBits;
    }
  }

  static Stream<Case> randomCases() {
    return Stream.of(
        new Case(QkLayout.TIME, 1, InputKind.SPIKES, 8, 4, 41),
        new Case(QkLayout.OFFICIAL, 1, InputKind.SPIKES, 4, 2, 42),
        new Case(QkLayout.TIME, 2, InputKind.SPIKES, 6, 0, 33),
        new Case(QkLayout.OFFICIAL, 2, InputKind.MEL, 8, 4, 32));
  }

  private static ModelConfig config(Case k, int steps) {
    boolean mel = k.input() == InputKind.MEL;
    return new ModelConfig(
        32, 4, k.depth(), 48, 7, 5, k.input(), 20, mel ? 0 : 25.0, mel ? 80 : 0, steps, k.layout());
  }

  /** Real input frames: spike counts, or dB values in -100 .. 60 with random fractions. */
  private static double[][] frames(ModelConfig c, int steps, long seed) {
    if (c.inputKind() == InputKind.SPIKES) {
      return RandomModel.counts(steps, c.inputChannels(), 1.5, seed);
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[steps][c.inputChannels()];
    for (double[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = -100 + 160 * r.nextDouble();
      }
    }
    return x;
  }

  /**
   * Writes the float model, its quantized model and golden vectors of four utterances (three of
   * {@code steps} frames, batched together by the checker, and a shorter one).
   */
  private Path[] writeCase(SpikeScrModel m, QuantSettings s, Case k, int steps) {
    Path model = dir.resolve("random.h5");
    ModelFile.write(m, model);
    QuantizedModel q = Quantizer.quantize(m, s);
    Path quantized = dir.resolve("random-q.h5");
    QuantizedModelFile.write(q, quantized);
    List<double[][]> frames = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      frames.add(frames(m.config(), i == 3 ? steps / 2 : steps, k.seed() * 10 + i));
    }
    Path golden = dir.resolve("golden");
    GoldenSet.write(q, Map.of("model", "random-q.h5"), frames, new int[] {0, 1, 2, 3}, golden);
    return new Path[] {model, quantized, golden};
  }

  private static QuantSettings settings(ModelConfig c, Case k) {
    QuantSettings d = QuantSettings.defaults(c);
    return new QuantSettings(
        k.weightBits(),
        k.fracBits(),
        d.scaleSpanBits(),
        d.maxTimeSteps(),
        d.inputFormat(),
        d.ropeFracBits(),
        d.expTableLength(),
        d.expFracBits(),
        d.probFracBits());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomCases")
  void randomNetworksAreReproducedExactly(Case k) {
    int steps = 24;
    ModelConfig c = config(k, steps);
    SpikeScrModel m = RandomModel.create(c, k.seed(), 2.0);
    Path[] files = writeCase(m, settings(c, k), k, steps);
    Python.Result r = check(files[0], files[1], files[2]);
    System.out.println(k + ":\n" + r.output());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("forward: compared "), r.output());
    assertEquals(2, r.output().split(" 0 mismatches", -1).length - 1, r.output());
  }

  @Test
  void aChangedFloatWeightIsReportedInTheIntegers() {
    Case k = randomCases().findFirst().orElseThrow();
    int steps = 16;
    ModelConfig c = config(k, steps);
    SpikeScrModel m = RandomModel.create(c, k.seed(), 2.0);
    Path[] files = writeCase(m, settings(c, k), k, steps);
    // the checker reads a float model whose strongest head weight is halved: every head integer
    // is rescaled
    Map<String, Tensor> params = new LinkedHashMap<>(m.parameters());
    Tensor head = params.get("head.weight");
    float[] w = head.data();
    int strongest = 0;
    for (int i = 1; i < w.length; i++) {
      strongest = Math.abs(w[i]) > Math.abs(w[strongest]) ? i : strongest;
    }
    w[strongest] *= 0.5f;
    params.put("head.weight", new Tensor(head.shape(), w));
    ModelFile.write(new SpikeScrModel(c, params, m.provenance()), files[0]);
    Python.Result r = check(files[0], files[1], files[2]);
    assertEquals(1, r.code(), r.output());
    assertTrue(r.output().contains("head.weight: "), r.output());
    assertTrue(r.output().contains("readout.exp_table: "), r.output());
  }

  @Test
  void oneChangedGoldenSpikeIsReportedAsExactlyOneMismatch() throws IOException {
    Case k = randomCases().findFirst().orElseThrow();
    int steps = 16;
    ModelConfig c = config(k, steps);
    Path[] files = writeCase(RandomModel.create(c, k.seed(), 2.0), settings(c, k), k, steps);
    // spike of lane 0 at step 0 of utterance 1 in the embedding LIF, one bit of the first row
    Path f = files[2].resolve("s0001/spike_embed.lif.spikes.hex");
    List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.US_ASCII));
    String row = lines.get(0);
    long v = Long.parseUnsignedLong(row, 16) ^ 1L;
    lines.set(0, String.format("%0" + row.length() + "x", v));
    Files.write(f, lines, StandardCharsets.US_ASCII);
    Python.Result r = check(files[0], files[1], files[2]);
    assertEquals(1, r.code(), r.output());
    assertTrue(r.output().contains("forward: compared"), r.output());
    assertTrue(r.output().contains("elements: 1 mismatches"), r.output());
    assertTrue(
        r.output().contains("sample 1 spike_embed.lif.spikes: 1 of 512 differ, first at [0, 0]"),
        r.output());
  }
}
