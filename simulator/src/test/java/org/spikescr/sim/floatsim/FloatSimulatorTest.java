package org.spikescr.sim.floatsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.LayerTrace;

class FloatSimulatorTest {
  static ModelConfig config(QkLayout layout, int depth) {
    return new ModelConfig(64, 4, depth, 96, 7, 5, InputKind.SPIKES, 140, 25.0, 0, 20, layout);
  }

  @Test
  void tracesEveryLifLayerInForwardOrderWithItsWidth() {
    ModelConfig c = config(QkLayout.TIME, 2);
    FloatSimulator sim = new FloatSimulator(RandomModel.create(c, 1, 3.0), FloatPrecision.DOUBLE);
    Map<String, LayerTrace> traces = sim.trace(RandomModel.counts(20, 140, 0.3, 2));
    assertEquals(LayerNames.all(c), java.util.List.copyOf(traces.keySet()));
    for (LayerTrace t : traces.values()) {
      assertEquals(20, t.spikes().length);
      assertEquals(LayerNames.width(c, t.name()), t.spikes()[0].length, t.name());
    }
  }

  @Test
  void sameInputSameResult() {
    ModelConfig c = config(QkLayout.OFFICIAL, 1);
    FloatSimulator sim = new FloatSimulator(RandomModel.create(c, 1, 3.0), FloatPrecision.DOUBLE);
    double[][] x = RandomModel.counts(20, 140, 0.3, 3);
    Inference a = sim.run(x);
    Inference b = sim.run(x);
    assertArrayEquals(a.scores(), b.scores());
    assertEquals(20.0, java.util.Arrays.stream(a.scores()).sum(), 1e-9);
  }

  @Test
  void theTwoQkLayoutsDifferOnlyFromTheSecondLif() {
    SpikeScrModel m = RandomModel.create(config(QkLayout.OFFICIAL, 1), 5, 3.0);
    SpikeScrModel t =
        new SpikeScrModel(m.config().withQkLayout(QkLayout.TIME), m.parameters(), m.provenance());
    double[][] x = RandomModel.counts(20, 140, 0.3, 6);
    Map<String, LayerTrace> a = new FloatSimulator(m, FloatPrecision.DOUBLE).trace(x);
    Map<String, LayerTrace> b = new FloatSimulator(t, FloatPrecision.DOUBLE).trace(x);
    for (String n :
        new String[] {"spike_embed.lif", "blocks.0.attn.q_lif", "blocks.0.attn.v_lif"}) {
      assertTrue(java.util.Arrays.deepEquals(a.get(n).spikes(), b.get(n).spikes()), n);
    }
    assertNotEquals(
        java.util.Arrays.deepToString(a.get("blocks.0.attn.q_lif2").spikes()),
        java.util.Arrays.deepToString(b.get("blocks.0.attn.q_lif2").spikes()));
  }

  @Test
  void timeLayoutRopeAtPositionZeroPassesSpikesUnchanged() {
    ModelConfig c = config(QkLayout.TIME, 1);
    FloatSimulator sim = new FloatSimulator(RandomModel.create(c, 8, 3.0), FloatPrecision.DOUBLE);
    Map<String, LayerTrace> tr = sim.trace(RandomModel.counts(20, 140, 0.3, 9));
    double[] q0 = new double[c.dModel()];
    for (int i = 0; i < q0.length; i++) {
      q0[i] = tr.get("blocks.0.attn.q_lif").spikes()[0][i];
    }
    assertArrayEquals(q0, tr.get("blocks.0.attn.q_lif2").input()[0], 1e-12);
  }

  @Test
  void rejectsFramesOfTheWrongWidth() {
    ModelConfig c = config(QkLayout.TIME, 1);
    FloatSimulator sim = new FloatSimulator(RandomModel.create(c, 8, 3.0), FloatPrecision.DOUBLE);
    assertThrows(IllegalArgumentException.class, () -> sim.run(new double[4][139]));
    assertThrows(IllegalArgumentException.class, () -> sim.run(new double[0][]));
  }
}
