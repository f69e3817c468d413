package org.spikescr.sim.fixedsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.floatsim.FloatSimulator;

/** The whole integer network: structure, proven widths, and agreement with the float model. */
class FixedSimulatorTest {

  static ModelConfig config(QkLayout layout, int depth, InputKind kind) {
    return new ModelConfig(
        32,
        2,
        depth,
        48,
        7,
        5,
        kind,
        40,
        kind == InputKind.SPIKES ? 25.0 : 0,
        kind == InputKind.MEL ? 80 : 0,
        20,
        layout);
  }

  private static long[][] raw(QuantizedModel q, double[][] x) {
    return QuantizedInputs.convert(x, q.settings().inputFormat(), new SaturationCounter("input"));
  }

  @Test
  void tracesEveryLifLayerInForwardOrder() {
    ModelConfig c = config(QkLayout.TIME, 2, InputKind.SPIKES);
    QuantizedModel q = Quantizer.quantize(RandomModel.create(c, 1, 3.0), QuantSettings.defaults(c));
    Map<String, FixedLayerTrace> traces =
        new FixedSimulator(q).trace(raw(q, RandomModel.counts(20, 40, 0.3, 2)));
    assertEquals(LayerNames.all(c), List.copyOf(traces.keySet()));
    for (FixedLayerTrace t : traces.values()) {
      assertEquals(20, t.spikes().length);
      assertEquals(LayerNames.width(c, t.name()), t.spikes()[0].length, t.name());
    }
  }

  @Test
  void provenWidthsNeverSaturateEvenAtExtremeInputs() {
    for (InputKind kind : InputKind.values()) {
      ModelConfig c = config(QkLayout.OFFICIAL, 2, kind);
      QuantizedModel q =
          Quantizer.quantize(RandomModel.create(c, 3, 4.0), QuantSettings.defaults(c));
      FixedSimulator sim = new FixedSimulator(q);
      long lo = q.settings().inputFormat().minRaw();
      long hi = q.settings().inputFormat().maxRaw();
      long[][][] inputs = {constant(40, 40, hi), constant(40, 40, lo), alternating(40, 40, lo, hi)};
      for (long[][] in : inputs) {
        FixedInference r = sim.run(in);
        assertEquals(0, r.saturationEvents(), kind + " " + r.saturations());
      }
      FixedInference r = sim.run(raw(q, RandomModel.counts(40, 40, 1.0, 4)));
      assertEquals(0, r.saturationEvents());
      assertTrue(r.saturations().stream().allMatch(s -> s.casts() > 0));
    }
  }

  @Test
  void sameInputSameResult() {
    ModelConfig c = config(QkLayout.OFFICIAL, 1, InputKind.SPIKES);
    QuantizedModel q = Quantizer.quantize(RandomModel.create(c, 5, 3.0), QuantSettings.defaults(c));
    long[][] x = raw(q, RandomModel.counts(20, 40, 0.3, 6));
    FixedInference a = new FixedSimulator(q).run(x);
    FixedInference b = new FixedSimulator(q).run(x);
    assertArrayEquals(a.scores(), b.scores());
    assertTrue(Arrays.deepEquals(a.logits(), b.logits()));
    long total = Arrays.stream(a.scores()).sum();
    long one = 1L << q.readout().probFracBits();
    assertTrue(
        total <= 20 * one && total > 20 * (one - 5), "probabilities sum to about 1 per step");
  }

  @Test
  void theTwoQkLayoutsDifferOnlyFromTheSecondLif() {
    ModelConfig c = config(QkLayout.OFFICIAL, 1, InputKind.SPIKES);
    SpikeScrModel m = RandomModel.create(c, 7, 3.0);
    SpikeScrModel t =
        new SpikeScrModel(c.withQkLayout(QkLayout.TIME), m.parameters(), m.provenance());
    QuantizedModel qm = Quantizer.quantize(m, QuantSettings.defaults(c));
    QuantizedModel qt = Quantizer.quantize(t, QuantSettings.defaults(c));
    long[][] x = raw(qm, RandomModel.counts(20, 40, 0.3, 8));
    Map<String, FixedLayerTrace> a = new FixedSimulator(qm).trace(x);
    Map<String, FixedLayerTrace> b = new FixedSimulator(qt).trace(x);
    for (String n : List.of("spike_embed.lif", "blocks.0.attn.q_lif", "blocks.0.attn.v_lif")) {
      assertTrue(Arrays.deepEquals(a.get(n).spikes(), b.get(n).spikes()), n);
    }
    assertNotEquals(
        Arrays.deepToString(a.get("blocks.0.attn.q_lif2").spikes()),
        Arrays.deepToString(b.get("blocks.0.attn.q_lif2").spikes()));
  }

  @Test
  void ropeAtPositionZeroPassesSpikesScaledToTheThreshold() {
    ModelConfig c = config(QkLayout.TIME, 1, InputKind.SPIKES);
    QuantizedModel q = Quantizer.quantize(RandomModel.create(c, 9, 3.0), QuantSettings.defaults(c));
    Map<String, FixedLayerTrace> tr =
        new FixedSimulator(q).trace(raw(q, RandomModel.counts(20, 40, 0.3, 10)));
    long theta = q.blocks().get(0).attention().qLif2().threshold();
    for (int i = 0; i < c.dModel(); i++) {
      assertEquals(
          tr.get("blocks.0.attn.q_lif").spikes()[0][i] * theta,
          tr.get("blocks.0.attn.q_lif2").input()[0][i]);
    }
  }

  @Test
  void agreesWithTheFloatModelAtSixteenBits() {
    QuantSettings s =
        new QuantSettings(
            16, 8, 4, 40, QuantSettings.defaultInputFormat(InputKind.SPIKES), 14, 256, 15, 16);
    for (QkLayout layout : QkLayout.values()) {
      double[] a = agreements(config(layout, 1, InputKind.SPIKES), s, 11);
      for (double v : a) {
        assertTrue(v >= 0.995, layout + " " + Arrays.toString(a));
      }
    }
  }

  @Test
  void melInputAgreesWithTheFloatModelAtSixteenBits() {
    ModelConfig c = config(QkLayout.TIME, 1, InputKind.MEL);
    SpikeScrModel m = RandomModel.create(c, 15, 0.05);
    QuantSettings s =
        new QuantSettings(
            16, 8, 4, 40, QuantSettings.defaultInputFormat(InputKind.MEL), 24, 256, 15, 16);
    QuantizedModel q = Quantizer.quantize(m, s);
    java.util.SplittableRandom r = new java.util.SplittableRandom(16);
    double[][] x = new double[20][40];
    for (double[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = Math.rint(r.nextDouble(-100, 40) * 16) / 16; // exact in ap_fixed<12,8>
      }
    }
    Map<String, FixedLayerTrace> fixed = new FixedSimulator(q).trace(raw(q, x));
    Map<String, LayerTrace> flt = new FloatSimulator(m, FloatPrecision.DOUBLE).trace(x);
    long embedSpikes = 0;
    for (byte[] row : fixed.get("spike_embed.lif").spikes()) {
      for (byte b : row) {
        embedSpikes += b;
      }
    }
    assertTrue(
        embedSpikes > 20 && embedSpikes < 20 * 32 - 20, "embed fires sometimes: " + embedSpikes);
    for (String n : fixed.keySet()) {
      double a = agreement(fixed.get(n).spikes(), flt.get(n).spikes());
      assertTrue(a >= 0.99, n + " " + a);
    }
  }

  @Test
  void countsOperationsAsTheFloatModelDoesWhenTheSpikesAgree() {
    ModelConfig c = config(QkLayout.OFFICIAL, 1, InputKind.SPIKES);
    SpikeScrModel m = RandomModel.create(c, 11, 3.0);
    QuantSettings s =
        new QuantSettings(
            16, 8, 4, 40, QuantSettings.defaultInputFormat(InputKind.SPIKES), 24, 256, 15, 16);
    QuantizedModel q = Quantizer.quantize(m, s);
    double[][] x = RandomModel.counts(20, 40, 0.3, 12);
    org.spikescr.sim.Inference fixed = org.spikescr.eval.FixedEvaluation.simulator(q).apply(x);
    org.spikescr.sim.Inference flt = new FloatSimulator(m, FloatPrecision.DOUBLE).run(x);
    assertEquals(flt.counts(), fixed.counts());
    assertEquals(flt.prediction(), fixed.prediction());
    for (int k = 0; k < c.classes(); k++) {
      assertEquals(flt.scores()[k], fixed.scores()[k], 0.05 * 20, "class " + k);
    }
  }

  @Test
  void agreesWithTheFloatModelAtEightBits() {
    ModelConfig c = config(QkLayout.OFFICIAL, 1, InputKind.SPIKES);
    double[] a = agreements(c, QuantSettings.defaults(c), 11);
    assertTrue(a[0] >= 0.98, Arrays.toString(a));
    assertTrue(Arrays.stream(a).average().orElse(0) >= 0.9, Arrays.toString(a));
  }

  /** Spike agreement of every LIF layer, integer against double, in forward order. */
  private static double[] agreements(ModelConfig c, QuantSettings s, long seed) {
    SpikeScrModel m = RandomModel.create(c, seed, 3.0);
    QuantizedModel q = Quantizer.quantize(m, s);
    double[][] x = RandomModel.counts(20, 40, 0.3, seed + 1);
    Map<String, FixedLayerTrace> fixed = new FixedSimulator(q).trace(raw(q, x));
    Map<String, LayerTrace> flt = new FloatSimulator(m, FloatPrecision.DOUBLE).trace(x);
    double[] out = new double[fixed.size()];
    int i = 0;
    for (String n : fixed.keySet()) {
      out[i++] = agreement(fixed.get(n).spikes(), flt.get(n).spikes());
    }
    return out;
  }

  static double agreement(byte[][] a, byte[][] b) {
    long same = 0;
    long n = 0;
    for (int t = 0; t < a.length; t++) {
      for (int i = 0; i < a[t].length; i++) {
        same += a[t][i] == b[t][i] ? 1 : 0;
        n++;
      }
    }
    return (double) same / n;
  }

  private static long[][] constant(int steps, int ch, long v) {
    long[][] x = new long[steps][ch];
    for (long[] row : x) {
      Arrays.fill(row, v);
    }
    return x;
  }

  private static long[][] alternating(int steps, int ch, long lo, long hi) {
    long[][] x = new long[steps][ch];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < ch; i++) {
        x[t][i] = ((t + i) % 2 == 0) ? lo : hi;
      }
    }
    return x;
  }

  @Test
  void rejectsInputOutsideItsFormatOrTooLong() {
    ModelConfig c = config(QkLayout.TIME, 1, InputKind.SPIKES);
    QuantizedModel q =
        Quantizer.quantize(RandomModel.create(c, 13, 3.0), QuantSettings.defaults(c));
    FixedSimulator sim = new FixedSimulator(q);
    assertThrows(IllegalArgumentException.class, () -> sim.run(constant(5, 40, 256)));
    assertThrows(IllegalArgumentException.class, () -> sim.run(constant(41, 40, 1)));
    assertThrows(IllegalArgumentException.class, () -> sim.run(constant(5, 39, 1)));
  }
}
