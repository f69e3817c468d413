package org.spikescr.eval;

import java.util.function.Function;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.LayerNames;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.Inference;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * Runs the fixed-point simulator on real-valued frames and reports in the float simulator's terms,
 * so that the evaluation and report code serves both modes: logits become {@code z * s_head},
 * scores {@code score * 2^-P_F}; the decision and the operation counts are the fixed-point
 * simulator's own.
 */
public final class FixedEvaluation {
  private FixedEvaluation() {}

  /** A function from frames {@code [T][channels]} to an inference of the quantized model. */
  public static Function<double[][], Inference> simulator(QuantizedModel model) {
    return simulator(model, new java.util.LinkedHashMap<>());
  }

  /**
   * As {@link #simulator(QuantizedModel)}, adding every utterance's overflow events per layer
   * ({@code input} for the input cast, then the simulator's layers) to {@code saturations}.
   */
  public static Function<double[][], Inference> simulator(
      QuantizedModel model, java.util.Map<String, Long> saturations) {
    FixedSimulator sim = new FixedSimulator(model);
    SaturationCounter input = new SaturationCounter(LayerNames.INPUT);
    saturations.putIfAbsent("input", 0L);
    return frames -> {
      long before = input.events();
      long[][] raw = QuantizedInputs.convert(frames, model.settings().inputFormat(), input);
      saturations.merge("input", input.events() - before, Long::sum);
      FixedInference r = sim.run(raw);
      for (FixedInference.Saturation s : r.saturations()) {
        saturations.merge(s.layer(), s.events(), Long::sum);
      }
      return toInference(model, r);
    };
  }

  /** The frames as raw integers of the model's input format (saturating, see 2.2). */
  public static long[][] convert(QuantizedModel model, double[][] frames) {
    return QuantizedInputs.convert(
        frames, model.settings().inputFormat(), new SaturationCounter(LayerNames.INPUT));
  }

  /** The integer result expressed in real units. */
  public static Inference toInference(QuantizedModel model, FixedInference r) {
    double s = model.head().scale();
    long[][] z = r.logits();
    double[][] logits = new double[z.length][];
    for (int t = 0; t < z.length; t++) {
      logits[t] = new double[z[t].length];
      for (int k = 0; k < z[t].length; k++) {
        logits[t][k] = z[t][k] * s;
      }
    }
    long[] sc = r.scores();
    double[] scores = new double[sc.length];
    for (int k = 0; k < sc.length; k++) {
      scores[k] = Math.scalb((double) sc[k], -model.readout().probFracBits());
    }
    return new Inference(logits, scores, r.prediction(), r.counts());
  }
}
