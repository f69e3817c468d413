package org.spikescr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spikescr.audio.Audio;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.conformance.ConformanceReport;
import org.spikescr.data.FramingSpec;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.eval.EvaluationReport;
import org.spikescr.eval.FidelityCheck;
import org.spikescr.io.npy.NpyArray;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ParameterSchema;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.ReadoutTable;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.quant.FoldedLayer;
import org.spikescr.sim.Inference;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.OpCounts;
import org.spikescr.vectors.HexTensor;

/**
 * Records that hold arrays compare, hash and print by content: two records built from equal but
 * distinct arrays are equal, a record differing in one array element is not.
 */
class RecordValueSemanticsTest {

  /** How {@link Object#toString()} prints an array: {@code [I@1b6d3586}, {@code [[D@...}. */
  private static final Pattern IDENTITY_TEXT = Pattern.compile("\\[+([BCDFIJSZ]|L[\\w.$]+;)@");

  private static void assertValueSemantics(Supplier<?> make, Object different) {
    Object a = make.get();
    Object b = make.get();
    assertNotSame(a, b);
    assertEquals(a, b);
    assertEquals(b, a);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.toString(), b.toString());
    assertFalse(IDENTITY_TEXT.matcher(a.toString()).find(), a.toString());
    assertNotEquals(a, different);
    assertNotEquals(different, a);
    assertNotEquals(a, null);
  }

  @Test
  void floatModelRecords() {
    assertValueSemantics(
        () -> new Tensor(new int[] {2}, new float[] {1, 2}),
        new Tensor(new int[] {2}, new float[] {1, 3}));
    assertValueSemantics(
        () -> new ParameterSchema.Entry("w", new int[] {2, 3}, true),
        new ParameterSchema.Entry("w", new int[] {3, 2}, true));
  }

  @Test
  void quantizedModelRecords() {
    assertValueSemantics(
        () -> new IntTensor(new int[] {2}, new int[] {1, -2}),
        new IntTensor(new int[] {2}, new int[] {1, 2}));
    assertValueSemantics(
        () -> new ReadoutTable(new long[] {16, 8}, 4, 1, 8),
        new ReadoutTable(new long[] {16, 7}, 4, 1, 8));
    assertValueSemantics(() -> synaptic(new long[] {1, 2}), synaptic(new long[] {1, 3}));
  }

  private static SynapticLayer synaptic(long[] bias) {
    return new SynapticLayer(
        "blocks.0.attn.q",
        "blocks.0.attn.q_lif",
        new IntTensor(new int[] {2, 1}, new int[] {3, -3}),
        bias,
        new long[] {4, 4},
        new double[] {0.5, 0.25},
        0,
        1,
        8,
        8);
  }

  @Test
  void quantizerRecords() {
    assertValueSemantics(
        () -> new FoldedLayer(1, 2, new double[] {1, 2}, new double[] {3}),
        new FoldedLayer(1, 2, new double[] {1, 2}, new double[] {4}));
  }

  @Test
  void dataAndAudioRecords() {
    assertValueSemantics(
        () -> new SpikeEvents(new double[] {0.1, 0.2}, new int[] {3, 4}),
        new SpikeEvents(new double[] {0.1, 0.2}, new int[] {3, 5}));
    assertValueSemantics(
        () -> Sample.ofFrames(1, 2, "a.wav", new float[][] {{1, 2}, {3, 4}}),
        Sample.ofFrames(1, 2, "a.wav", new float[][] {{1, 2}, {3, 5}}));
    assertValueSemantics(
        () -> new Audio(new double[] {0.5, -0.5}, 8000),
        new Audio(new double[] {0.5, -0.25}, 8000));
    assertValueSemantics(
        () -> new NpyArray(new int[] {2}, "f4", new double[] {1, 2}),
        new NpyArray(new int[] {2}, "f4", new double[] {1, 2.5}));
  }

  @Test
  void simulationRecords() {
    assertValueSemantics(
        () -> new Inference(new double[][] {{1, 2}}, new double[] {0.3, 0.7}, 1, counts()),
        new Inference(new double[][] {{1, 3}}, new double[] {0.3, 0.7}, 1, counts()));
    assertValueSemantics(
        () ->
            new LayerTrace("lif", new double[][] {{0.5}}, new byte[][] {{1}}, new double[][] {{0}}),
        new LayerTrace("lif", new double[][] {{0.5}}, new byte[][] {{0}}, new double[][] {{0}}));
    assertValueSemantics(
        () ->
            new ModelInputs(
                List.<double[][]>of(new double[][] {{1, 2}}), new int[] {0}, FramingSpec.shd(10)),
        new ModelInputs(
            List.<double[][]>of(new double[][] {{1, 2.5}}), new int[] {0}, FramingSpec.shd(10)));
  }

  private static OpCounts counts() {
    return new OpCounts(Map.of("lif", 3L), Map.of("lif", 10L), 5, 0, 2, 1);
  }

  @Test
  void reportRecords() {
    assertValueSemantics(
        () -> evaluation(new long[][] {{1, 0}, {0, 1}}), evaluation(new long[][] {{1, 0}, {1, 0}}));
    assertValueSemantics(() -> fidelity(new int[] {0, 1}), fidelity(new int[] {1, 1}));
    assertValueSemantics(() -> conformance(new int[] {0, 1}), conformance(new int[] {1, 1}));
  }

  private static EvaluationReport evaluation(long[][] confusion) {
    return new EvaluationReport(
        2,
        2,
        new int[] {0, 1},
        new int[] {0, 1},
        List.of(new double[] {0.9, 0.1}, new double[] {0.2, 0.8}),
        confusion,
        Map.of("lif", 0.1),
        10,
        0,
        1,
        20);
  }

  private static FidelityCheck.Report fidelity(int[] fixedPredictions) {
    return new FidelityCheck.Report(
        2, 2, 1, 1, Map.of("lif", 0.9), Map.of("head", 0L), fixedPredictions);
  }

  private static ConformanceReport conformance(int[] predictions) {
    return new ConformanceReport(
        2,
        predictions,
        new int[] {0, 1},
        true,
        1.0,
        0.0,
        List.of(new ConformanceReport.Layer("lif", 10, 10, 3, 3)));
  }

  @Test
  void conformanceCase() {
    ModelConfig c =
        new ModelConfig(8, 2, 1, 16, 3, 3, InputKind.SPIKES, 4, 10.0, 0, 2, QkLayout.OFFICIAL);
    SpikeScrModel model = RandomModel.create(c, 1, 1.0);
    Supplier<ConformanceCase> make =
        () -> {
          Map<String, NpyArray> spikes = new LinkedHashMap<>();
          spikes.put("lif", new NpyArray(new int[] {1}, "f4", new double[] {1}));
          return new ConformanceCase(
              Path.of("case"),
              model,
              new double[][][] {{{1, 0, 0, 1}, {0, 1, 1, 0}}},
              new int[] {2},
              new NpyArray(new int[] {1}, "f4", new double[] {0.5}),
              spikes);
        };
    ConformanceCase base = make.get();
    assertValueSemantics(
        make,
        new ConformanceCase(
            base.dir(),
            model,
            new double[][][] {{{1, 0, 0, 1}, {0, 1, 1, 1}}},
            new int[] {2},
            base.logits(),
            base.spikes()));
  }

  @Test
  void vectorRecords() {
    assertValueSemantics(
        () ->
            new HexTensor(
                "w", new int[] {2}, new long[] {1, -1}, 8, 8, true, HexTensor.Encoding.WORDS),
        new HexTensor(
            "w", new int[] {2}, new long[] {1, -2}, 8, 8, true, HexTensor.Encoding.WORDS));
  }

  @Test
  void accessorsHandOutCopies() {
    int[] labels = {0, 1};
    ModelInputs in = new ModelInputs(List.<double[][]>of(new double[][] {{1}}), labels, null);
    labels[0] = 7;
    in.labels()[1] = 7;
    assertArrayEquals(new int[] {0, 1}, in.labels());

    EvaluationReport r = evaluation(new long[][] {{1, 0}, {0, 1}});
    r.predictions()[0] = 7;
    r.labels()[0] = 7;
    r.confusion()[0][0] = 7;
    assertEquals(evaluation(new long[][] {{1, 0}, {0, 1}}), r);

    FidelityCheck.Report f = fidelity(new int[] {0, 1});
    f.fixedPredictions()[0] = 7;
    assertArrayEquals(new int[] {0, 1}, f.fixedPredictions());

    ConformanceReport cr = conformance(new int[] {0, 1});
    cr.predictions()[0] = 7;
    cr.expected()[0] = 7;
    assertEquals(conformance(new int[] {0, 1}), cr);
  }
}
