package org.spikescr.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.spikescr.io.npy.NpyArray;
import org.spikescr.model.LayerNames;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.floatsim.FloatSimulator;

/** Runs the float simulator on a {@link ConformanceCase} and compares every spike and label. */
public final class ConformanceCheck {
  /** The agreement the project demands of every layer. */
  public static final double REQUIRED_AGREEMENT = 0.999;

  private ConformanceCheck() {}

  /**
   * Compares layer by layer.
   *
   * @param c the case
   * @param precision FLOAT32 reproduces PyTorch's float32 LIF inputs; DOUBLE is the plain reference
   * @param progress called with the number of samples done after each one
   */
  public static ConformanceReport run(
      ConformanceCase c, FloatPrecision precision, IntConsumer progress) {
    FloatSimulator sim = new FloatSimulator(c.model(), precision);
    List<String> names = LayerNames.all(c.model().config());
    long[] identical = new long[names.size()];
    long[] values = new long[names.size()];
    long[] refSpikes = new long[names.size()];
    long[] simSpikes = new long[names.size()];
    int samples = c.inputs().length;
    int[] predictions = new int[samples];
    double maxLogitDiff = 0;
    for (int s = 0; s < samples; s++) {
      Map<String, LayerTrace> traces = new java.util.LinkedHashMap<>();
      Inference inf = sim.run(c.inputs()[s], traces);
      predictions[s] = inf.prediction();
      for (int i = 0; i < names.size(); i++) {
        NpyArray ref = c.spikes().get(names.get(i));
        byte[][] ours = traces.get(names.get(i)).spikes();
        double[] expected = ref.slice(s);
        int lanes = ours[0].length;
        for (int t = 0; t < ours.length; t++) {
          for (int l = 0; l < lanes; l++) {
            int e = (int) expected[t * lanes + l];
            int o = ours[t][l];
            values[i]++;
            refSpikes[i] += e;
            simSpikes[i] += o;
            if (e == o) {
              identical[i]++;
            }
          }
        }
      }
      double[] refLogits = c.logits().slice(s);
      int classes = c.model().config().classes();
      for (int t = 0; t < inf.logits().length; t++) {
        for (int k = 0; k < classes; k++) {
          maxLogitDiff =
              Math.max(maxLogitDiff, Math.abs(inf.logits()[t][k] - refLogits[t * classes + k]));
        }
      }
      progress.accept(s + 1);
    }
    List<ConformanceReport.Layer> layers = new ArrayList<>();
    double min = 1.0;
    for (int i = 0; i < names.size(); i++) {
      ConformanceReport.Layer layer =
          new ConformanceReport.Layer(
              names.get(i), values[i], identical[i], refSpikes[i], simSpikes[i]);
      layers.add(layer);
      min = Math.min(min, layer.agreement());
    }
    boolean match = java.util.Arrays.equals(predictions, c.labels());
    return new ConformanceReport(
        samples, predictions, c.labels(), match, min, maxLogitDiff, layers);
  }
}
