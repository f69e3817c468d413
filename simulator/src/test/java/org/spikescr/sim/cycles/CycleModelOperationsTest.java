package org.spikescr.sim.cycles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.OpCounts;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * The operations the cycle model gives each pass add up to what the fixed-point simulator counts
 * while it computes: the synaptic passes to its accumulates and multiply-accumulates, the attention
 * passes to its attention accumulates, for both q/k layouts, spike and log-mel input, and
 * utterances of one frame up to {@code T_max}.
 */
class CycleModelOperationsTest {
  enum Case {
    TIME_SPIKES(QkLayout.TIME, InputKind.SPIKES),
    OFFICIAL_SPIKES(QkLayout.OFFICIAL, InputKind.SPIKES),
    TIME_MEL(QkLayout.TIME, InputKind.MEL);

    final QkLayout layout;
    final InputKind input;

    Case(QkLayout layout, InputKind input) {
      this.layout = layout;
      this.input = input;
    }
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void operationsEqualTheSimulatorsCounts(Case k) {
    int channels = k.input == InputKind.MEL ? 20 : 28;
    ModelConfig c =
        new ModelConfig(
            32,
            4,
            2,
            64,
            7,
            10,
            k.input,
            channels,
            k.input == InputKind.MEL ? 0 : 25.0,
            k.input == InputKind.MEL ? 80 : 0,
            8,
            k.layout);
    QuantizedModel q = Quantizer.quantize(RandomModel.create(c, 3, 2.0), QuantSettings.defaults(c));
    CycleModel model = new CycleModel(q, 16);
    FixedSimulator sim = new FixedSimulator(q);
    SplittableRandom r = new SplittableRandom(k.name().hashCode());
    long attentionSeen = 0;
    for (int steps : new int[] {1, 5, 16}) {
      long[][] x = new long[steps][channels];
      for (long[] f : x) {
        for (int ch = 0; ch < channels; ch++) {
          f[ch] = r.nextInt(3) == 0 ? 1L + r.nextInt(9) : 0;
        }
      }
      Map<String, FixedLayerTrace> traces = new LinkedHashMap<>();
      FixedInference run = sim.run(x, traces);
      OpCounts ops = run.counts();
      CycleModel.Prediction p = model.predict(x, 4, traces);
      long synaptic = 0;
      long attention = 0;
      for (CycleModel.Pass pass : p.passes()) {
        if (pass.name().endsWith(".attn")) {
          attention += pass.operations();
        } else {
          synaptic += pass.operations();
        }
      }
      assertEquals(ops.accumulates() + ops.multiplyAccumulates(), synaptic, "synaptic, T=" + steps);
      assertEquals(ops.attentionAccumulates(), attention, "attention, T=" + steps);
      assertEquals(synaptic + attention, p.operations(), "total");
      attentionSeen += attention;
    }
    assertTrue(attentionSeen > 0, "the attention did some work");
  }
}
