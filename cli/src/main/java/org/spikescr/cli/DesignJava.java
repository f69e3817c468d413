package org.spikescr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.gen.emit.java.DriverEmitter;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Port;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.LayerPlanner;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.lower.ReadoutParams;
import org.spikescr.gen.verify.CycleBound;
import org.spikescr.gen.verify.Testbench;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * The Java artefacts of a design ({@code DIR/java/}, {@link DriverEmitter}) with their golden
 * vectors: utterances of pseudo-random input frames (a fixed seed, so identical designs get
 * identical files) and the scores and class the fixed-point simulator computes for them.
 */
final class DesignJava {
  /** Golden utterances: the model's own length, a short one and a single frame. */
  private static final int UTTERANCES = 3;

  private static final long SEED = 0x5eed_2026L;

  private DesignJava() {}

  /** Files by path relative to the design directory. */
  static Map<String, String> files(QuantizedModel q, HwOptions options, HwModule top) {
    DriverEmitter.DesignFacts facts = facts(q, options, top);
    FixedSimulator sim = new FixedSimulator(q);
    SplittableRandom rnd = new SplittableRandom(SEED);
    int steps = Math.min(q.config().timeSteps(), options.maxTimeSteps());
    int[] lengths = {steps, Math.max(1, steps / 5), 1};
    List<DriverEmitter.Golden> golden = new ArrayList<>();
    long bound = 0;
    for (int u = 0; u < UTTERANCES; u++) {
      long[][] frames = frames(rnd, lengths[u], facts);
      FixedInference r = sim.run(frames);
      golden.add(new DriverEmitter.Golden(frames, r.scores(), r.prediction()));
      bound += CycleBound.of(q, options, lengths[u]);
    }
    return DriverEmitter.emit(facts, golden, 2 * bound);
  }

  /** Sparse random input codes: most channels 0, the rest small values of the input format. */
  private static long[][] frames(SplittableRandom rnd, int steps, DriverEmitter.DesignFacts f) {
    long[][] out = new long[steps][f.inputChannels()];
    long hi = f.inputSigned() ? (1L << (f.inputBits() - 1)) - 1 : (1L << f.inputBits()) - 1;
    long span = Math.min(hi, 15);
    for (long[] frame : out) {
      for (int c = 0; c < frame.length; c++) {
        if (rnd.nextInt(4) == 0) {
          long v = 1 + rnd.nextLong(span);
          frame[c] = f.inputSigned() && rnd.nextBoolean() ? -v : v;
        }
      }
    }
    return out;
  }

  static DriverEmitter.DesignFacts facts(QuantizedModel q, HwOptions options, HwModule top) {
    FixedFormat in = q.settings().inputFormat();
    ReadoutParams rp = LayerPlanner.readout(q, options);
    int scoreBits =
        rp.probFracBits() + org.spikescr.gen.lower.LibraryUnits.clog2(rp.maxSteps()) + 1;
    String bench = Testbench.path(options.designName());
    bench = bench.substring(bench.lastIndexOf('/') + 1, bench.length() - ".v".length());
    return new DriverEmitter.DesignFacts(
        options.designName(),
        top.name(),
        bench,
        q.config().inputChannels(),
        in.totalBits(),
        in.signed(),
        Lowering.IN_LANES,
        options.maxTimeSteps(),
        q.config().classes(),
        scoreBits,
        width(top, "m_axis_tdata"),
        LayerPlanner.synapses(q, options).get(0).lanes());
  }

  private static int width(HwModule m, String port) {
    for (Port p : m.allPorts()) {
      if (p.name().equals(port)) {
        return p.width();
      }
    }
    throw new IllegalStateException(m.name() + " has no port " + port);
  }
}
