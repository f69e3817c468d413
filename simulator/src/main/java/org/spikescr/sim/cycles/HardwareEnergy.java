package org.spikescr.sim.cycles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.model.quantized.ThresholdLif;

/**
 * A hardware energy estimate of one inference from the events the design performs, per pass of the
 * {@link CycleModel}: weight bits read from the weight memories, accumulator additions, and the
 * membrane and spike state each LIF neuron reads and writes every step.
 *
 * <p>The per-event energies are the 45 nm, 0.9 V figures of M. Horowitz, "Computing's energy
 * problem (and what we can do about it)", ISSCC 2014: a 64-bit read of an 8 KB SRAM costs 10 pJ
 * (0.156 pJ per bit) and a 32-bit integer add 0.1 pJ (3.1 fJ per bit). They are the figures of the
 * authors' own energy method's source, so the two estimates share a technology; an FPGA's
 * programmable routing, clock tree and static power come on top and are not modelled.
 */
public final class HardwareEnergy {
  /** Energy of reading one bit from a small SRAM (block RAM): 10 pJ per 64 bits, in pJ. */
  public static final double PJ_PER_MEMORY_BIT = 10.0 / 64;

  /** Energy of one bit of an integer addition: 0.1 pJ per 32-bit add, in pJ. */
  public static final double PJ_PER_ADD_BIT = 0.1 / 32;

  /** Width of the attention unit's counters, in bits, for its additions. */
  static final int ATTENTION_ADD_BITS = 16;

  /** Width of the head's logit accumulators, in bits. */
  static final int HEAD_ADD_BITS = 32;

  /** The assumptions, one sentence each, for reports. */
  public static final List<String> ASSUMPTIONS =
      List.of(
          "Per-event energies at 45 nm, 0.9 V (Horowitz, ISSCC 2014): a memory bit read or written"
              + " costs 0.156 pJ (10 pJ per 64-bit read of an 8 KB SRAM), an addition 3.1 fJ per"
              + " bit (0.1 pJ per 32-bit add).",
          "Weight reads: every synaptic operation reads its weight (W bits) from the weight"
              + " memory.",
          "Accumulations: every synaptic operation adds into an accumulator of the layer's width"
              + " A; the attention's additions are 16 bits wide, the head's 32.",
          "State updates (register toggles): every LIF neuron reads and writes its membrane and"
              + " spike (M + 1 bits) once per step, whether it fires or not.",
          "Not modelled: FPGA routing and clock-tree power, static power, the input and output"
              + " streams, the sequencer and control logic.");

  /**
   * An estimate in microjoules.
   *
   * @param weightReads weight memory reads
   * @param accumulations accumulator additions
   * @param stateUpdates membrane and spike reads and writes
   */
  public record Estimate(double weightReads, double accumulations, double stateUpdates) {
    /** No energy. */
    public static final Estimate ZERO = new Estimate(0, 0, 0);

    /** The sum of the three parts, in microjoules. */
    public double total() {
      return weightReads + accumulations + stateUpdates;
    }

    /** This estimate and {@code o} part by part. */
    public Estimate plus(Estimate o) {
      return new Estimate(
          weightReads + o.weightReads,
          accumulations + o.accumulations,
          stateUpdates + o.stateUpdates);
    }

    /** This estimate divided by {@code n} part by part (a mean over {@code n} inferences). */
    public Estimate over(int n) {
      return new Estimate(weightReads / n, accumulations / n, stateUpdates / n);
    }
  }

  private final QuantizedModel model;
  private final Map<String, SynapticLayer> layers = new HashMap<>();

  /** The estimate for the design of {@code model}. */
  public HardwareEnergy(QuantizedModel model) {
    this.model = model;
    for (SynapticLayer l : model.synapticLayers()) {
      layers.put(l.name(), l);
    }
  }

  /** The estimate of one inference of {@code steps} frames whose passes {@code p} predicts. */
  public Estimate of(CycleModel.Prediction p, int steps) {
    int w = model.settings().weightBits();
    double reads = 0;
    double adds = 0;
    double state = 0;
    for (CycleModel.Pass pass : p.passes()) {
      SynapticLayer l = layers.get(pass.name());
      if (l != null) {
        reads += (double) pass.operations() * w;
        adds += (double) pass.operations() * l.accBits();
        state += (double) l.weight().dim(0) * steps * (l.membraneBits() + 1);
      } else if ("head".equals(pass.name())) {
        reads += (double) pass.operations() * w;
        adds += (double) pass.operations() * HEAD_ADD_BITS;
      } else {
        adds += (double) pass.operations() * ATTENTION_ADD_BITS;
      }
    }
    int d = model.config().dModel();
    for (QuantizedBlock b : model.blocks()) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      for (ThresholdLif lif : List.of(a.qLif2(), a.kLif2(), a.attnLif())) {
        state += (double) d * steps * (lif.membraneBits() + 1);
      }
    }
    // a read and a write of every state bit
    return new Estimate(
        reads * PJ_PER_MEMORY_BIT * 1e-6,
        adds * PJ_PER_ADD_BIT * 1e-6,
        2 * state * PJ_PER_MEMORY_BIT * 1e-6);
  }
}
