package org.spikescr.sim.fixedsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.quant.Quantizer;

/**
 * Every synaptic layer of whole random models, as the simulator runs it, against the plain
 * reference: from the spikes the simulator traced, {@link FixedSynapseReference} and {@link
 * FixedLif#run} must give every LIF input, spike and saturation count of the synaptic layers' LIFs.
 * Cases cover both input kinds, depth 1 and 2, narrowed widths that saturate, and 16-bit weights
 * with 16 membrane fraction bits (sums and inputs beyond 32 bits).
 */
class FixedModelReferenceTest {

  private record Case(QkLayout layout, int depth, InputKind kind, boolean narrow, int w, int g) {}

  private static final List<Case> CASES =
      List.of(
          new Case(QkLayout.TIME, 1, InputKind.SPIKES, false, 8, 4),
          new Case(QkLayout.OFFICIAL, 2, InputKind.MEL, true, 8, 4),
          new Case(QkLayout.TIME, 2, InputKind.SPIKES, true, 16, 16),
          new Case(QkLayout.OFFICIAL, 1, InputKind.MEL, false, 16, 16));

  @Test
  void synapticLayersOfRandomModelsEqualTheReference() {
    int seed = 0;
    for (Case c : CASES) {
      seed++;
      ModelConfig config = FixedSimulatorTest.config(c.layout(), c.depth(), c.kind());
      QuantSettings d = QuantSettings.defaults(config);
      QuantSettings settings =
          new QuantSettings(
              c.w(),
              c.g(),
              d.scaleSpanBits(),
              d.maxTimeSteps(),
              d.inputFormat(),
              d.ropeFracBits(),
              d.expTableLength(),
              d.expFracBits(),
              d.probFracBits());
      QuantizedModel q =
          Quantizer.quantize(
              RandomModel.create(config, 40 + seed, c.narrow() ? 4.0 : 2.0), settings);
      if (c.narrow()) {
        q = narrow(q);
      }
      long events = check(q, frames(c.kind(), 23, config.inputChannels(), seed), c.toString());
      if (c.narrow()) {
        assertTrue(events > 0, c + ": the narrowed model saturates");
      }
    }
  }

  /** Checks one utterance; returns the saturation events of the synaptic layers' counters. */
  private static long check(QuantizedModel q, double[][] frames, String label) {
    long[][] raw =
        QuantizedInputs.convert(frames, q.settings().inputFormat(), new SaturationCounter("in"));
    Map<String, FixedLayerTrace> tr = new LinkedHashMap<>();
    FixedInference result = new FixedSimulator(q).run(raw, tr);
    Reference ref = new Reference(q.settings().membraneFracBits(), tr, label);
    ref.embed(q.embed(), raw);
    long[][] x = ref.spikes(LayerNames.EMBED);
    for (int i = 0; i < q.blocks().size(); i++) {
      x = ref.block(q.blocks().get(i), LayerNames.block(i), x);
    }
    long events = 0;
    int compared = 0;
    for (FixedInference.Saturation s : result.saturations()) {
      SaturationCounter c = ref.counters.get(s.layer());
      if (c != null) {
        assertEquals(c.events(), s.events(), label + " " + s.layer() + " events");
        assertEquals(c.casts(), s.casts(), label + " " + s.layer() + " casts");
        events += s.events();
        compared++;
      }
    }
    assertEquals(ref.counters.size(), compared, label + " counters compared");
    return events;
  }

  /** The reference run beside the simulator's traces. */
  private static final class Reference {
    private final int g;
    private final Map<String, FixedLayerTrace> traces;
    private final String label;
    private final Map<String, SaturationCounter> counters = new LinkedHashMap<>();

    Reference(int g, Map<String, FixedLayerTrace> traces, String label) {
      this.g = g;
      this.traces = traces;
      this.label = label;
    }

    void embed(SynapticLayer l, long[][] raw) {
      lif(l, FixedSynapseReference.embed(l, raw, g, counter(l.lif())));
    }

    /** One block on the residual stream {@code x0}; returns the stream after it. */
    long[][] block(QuantizedBlock b, LayerNames.Block n, long[][] x0) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      for (SynapticLayer l : List.of(a.q(), a.k(), a.v())) {
        pointwise(l, x0);
      }
      pointwise(a.proj(), spikes(n.attnLif()));
      long[][] x1 = add(x0, spikes(n.proj().lif()));
      long[][] x2 = add(x1, mlp(b.mlp1(), x1));
      QuantizedBlock.QuantizedConvModule c = b.conv();
      pointwise(c.pw1(), x2);
      lif(
          c.dw(),
          FixedSynapseReference.depthwise(c.dw(), spikes(c.pw1().lif()), g, counter(c.dw())));
      long[][] s2 = spikes(c.dw().lif());
      pointwise(c.gate(), s2);
      pointwise(c.gsuProj(), spikes(c.gate().lif()));
      long[][] u = FixedSynapseReference.pointwise(c.value(), s2, g, counter(c.value()));
      long[][] gate = spikes(c.gsuProj().lif());
      for (int t = 0; t < u.length; t++) {
        for (int o = 0; o < u[t].length; o++) {
          u[t][o] = gate[t][o] != 0 ? u[t][o] : 0;
        }
      }
      lif(c.value(), u);
      long[][] x3 = add(x2, spikes(c.value().lif()));
      return add(x3, mlp(b.mlp2(), x3));
    }

    private long[][] mlp(QuantizedBlock.QuantizedMlp m, long[][] x) {
      pointwise(m.fc1(), x);
      pointwise(m.fc2(), spikes(m.fc1().lif()));
      return spikes(m.fc2().lif());
    }

    private void pointwise(SynapticLayer l, long[][] x) {
      lif(l, FixedSynapseReference.pointwise(l, x, g, counter(l)));
    }

    /** The LIF fed by {@code l} on the reference input {@code x}, against its trace. */
    private void lif(SynapticLayer l, long[][] x) {
      FixedLayerTrace t = traces.get(l.lif());
      FixedLif.LifRun run = FixedLif.run(x, l.threshold(), l.membraneBits(), counter(l));
      for (int s = 0; s < x.length; s++) {
        String where = label + " " + l.lif() + " step " + s;
        assertArrayEquals(x[s], t.input()[s], where + " X");
        assertArrayEquals(run.spikes()[s], t.spikes()[s], where + " spikes");
        assertArrayEquals(run.membranes()[s], t.membrane()[s], where + " membrane");
      }
    }

    long[][] spikes(String lif) {
      byte[][] s = traces.get(lif).spikes();
      long[][] out = new long[s.length][];
      for (int t = 0; t < s.length; t++) {
        out[t] = new long[s[t].length];
        for (int i = 0; i < s[t].length; i++) {
          out[t][i] = s[t][i];
        }
      }
      return out;
    }

    private SaturationCounter counter(SynapticLayer l) {
      return counter(l.lif());
    }

    private SaturationCounter counter(String name) {
      return counters.computeIfAbsent(name, SaturationCounter::new);
    }
  }

  private static long[][] add(long[][] a, long[][] b) {
    long[][] out = new long[a.length][];
    for (int t = 0; t < a.length; t++) {
      out[t] = a[t].clone();
      for (int i = 0; i < out[t].length; i++) {
        out[t][i] += b[t][i];
      }
    }
    return out;
  }

  private static double[][] frames(InputKind kind, int steps, int channels, long seed) {
    double[][] counts = RandomModel.counts(steps, channels, 1.5, seed);
    if (kind == InputKind.SPIKES) {
      return counts;
    }
    double[][] mel = new double[steps][channels];
    for (int t = 0; t < steps; t++) {
      for (int ch = 0; ch < channels; ch++) {
        mel[t][ch] = -100 + 41.0 * counts[t][ch] + ((t * 5 + ch * 11) % 23) - 9;
      }
    }
    return mel;
  }

  /** A copy whose synaptic layers have accumulators and membranes 3 bits narrower. */
  private static QuantizedModel narrow(QuantizedModel q) {
    List<QuantizedBlock> blocks = new ArrayList<>();
    for (QuantizedBlock b : q.blocks()) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      QuantizedBlock.QuantizedConvModule c = b.conv();
      blocks.add(
          new QuantizedBlock(
              new QuantizedBlock.QuantizedAttention(
                  narrow(a.q()),
                  narrow(a.k()),
                  narrow(a.v()),
                  narrow(a.proj()),
                  a.qLif2(),
                  a.kLif2(),
                  a.attnLif(),
                  a.yBits(),
                  a.rope()),
              narrow(b.mlp1()),
              new QuantizedBlock.QuantizedConvModule(
                  narrow(c.pw1()),
                  narrow(c.dw()),
                  narrow(c.value()),
                  narrow(c.gate()),
                  narrow(c.gsuProj())),
              narrow(b.mlp2())));
    }
    return new QuantizedModel(
        q.config(), q.settings(), narrow(q.embed()), blocks, q.head(), q.readout(), q.provenance());
  }

  private static QuantizedBlock.QuantizedMlp narrow(QuantizedBlock.QuantizedMlp m) {
    return new QuantizedBlock.QuantizedMlp(narrow(m.fc1()), narrow(m.fc2()));
  }

  private static SynapticLayer narrow(SynapticLayer l) {
    long need = 1;
    for (long v : l.threshold()) {
      need = Math.max(need, v);
    }
    for (long v : l.bias()) {
      need = Math.max(need, Math.abs(v) + 1);
    }
    int minM = 65 - Long.numberOfLeadingZeros(need);
    return new SynapticLayer(
        l.name(),
        l.lif(),
        l.weight(),
        l.bias(),
        l.threshold(),
        l.scale(),
        l.inputLo(),
        l.inputHi(),
        Math.max(2, l.accBits() - 3),
        Math.max(minM, l.membraneBits() - 3));
  }
}
