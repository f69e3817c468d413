package org.spikescr.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.LayerNames;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;
import org.spikescr.sim.floatsim.FloatSimulator;

/**
 * How closely a quantized model follows its float model on real utterances: accuracy of both, label
 * agreement, spike agreement per LIF layer and saturation events per layer.
 */
public final class FidelityCheck {
  private FidelityCheck() {}

  /**
   * Fidelity figures.
   *
   * @param samples utterances compared
   * @param floatCorrect utterances the float model classifies correctly
   * @param fixedCorrect utterances the quantized model classifies correctly
   * @param sameLabel utterances where both predict the same class
   * @param spikeAgreement per LIF layer, the fraction of identical spike values
   * @param saturations per layer ({@code input}, LIF names, {@code head}), overflow events
   * @param fixedPredictions the quantized model's class per utterance
   */
  @SuppressWarnings("ArrayRecordComponent") // copied and compared by value
  public record Report(
      int samples,
      int floatCorrect,
      int fixedCorrect,
      int sameLabel,
      Map<String, Double> spikeAgreement,
      Map<String, Long> saturations,
      int[] fixedPredictions) {
    /** Copies. */
    public Report {
      spikeAgreement = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spikeAgreement));
      saturations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(saturations));
      fixedPredictions = fixedPredictions.clone();
    }

    /** A copy of the quantized model's classes. */
    @Override
    public int[] fixedPredictions() {
      return fixedPredictions.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Report r
          && samples == r.samples
          && floatCorrect == r.floatCorrect
          && fixedCorrect == r.fixedCorrect
          && sameLabel == r.sameLabel
          && spikeAgreement.equals(r.spikeAgreement)
          && saturations.equals(r.saturations)
          && Arrays.equals(fixedPredictions, r.fixedPredictions);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
                  samples, floatCorrect, fixedCorrect, sameLabel, spikeAgreement, saturations)
              * 31
          + Arrays.hashCode(fixedPredictions);
    }

    @Override
    public String toString() {
      return "Report[samples="
          + samples
          + ", floatCorrect="
          + floatCorrect
          + ", fixedCorrect="
          + fixedCorrect
          + ", sameLabel="
          + sameLabel
          + ", spikeAgreement="
          + spikeAgreement
          + ", saturations="
          + saturations
          + ", fixedPredictions="
          + Arrays.toString(fixedPredictions)
          + "]";
    }

    /** Accuracy of the float model. */
    public double floatAccuracy() {
      return samples == 0 ? 0 : (double) floatCorrect / samples;
    }

    /** Accuracy of the quantized model. */
    public double fixedAccuracy() {
      return samples == 0 ? 0 : (double) fixedCorrect / samples;
    }

    /** Fraction of utterances with the same predicted class. */
    public double labelAgreement() {
      return samples == 0 ? 0 : (double) sameLabel / samples;
    }

    /** All overflow events. */
    public long saturationEvents() {
      long n = 0;
      for (long v : saturations.values()) {
        n += v;
      }
      return n;
    }

    /** The lowest per-layer spike agreement. */
    public double minSpikeAgreement() {
      double m = 1;
      for (double v : spikeAgreement.values()) {
        m = Math.min(m, v);
      }
      return m;
    }
  }

  /** Compares on the given utterances (frames as the float model takes them). */
  public static Report run(
      SpikeScrModel floatModel,
      QuantizedModel q,
      List<double[][]> inputs,
      int[] labels,
      IntConsumer progress) {
    FloatSimulator fs = new FloatSimulator(floatModel, FloatPrecision.DOUBLE);
    FixedSimulator xs = new FixedSimulator(q);
    Map<String, long[]> agree = new LinkedHashMap<>();
    Map<String, Long> sat = new LinkedHashMap<>();
    SaturationCounter input = new SaturationCounter(LayerNames.INPUT);
    int[] fixedPred = new int[inputs.size()];
    int floatOk = 0;
    int fixedOk = 0;
    int same = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Map<String, LayerTrace> ft = new LinkedHashMap<>();
      int fp = fs.run(inputs.get(i), ft).prediction();
      Map<String, FixedLayerTrace> xt = new LinkedHashMap<>();
      long[][] raw = QuantizedInputs.convert(inputs.get(i), q.settings().inputFormat(), input);
      FixedInference r = xs.run(raw, xt);
      fixedPred[i] = r.prediction();
      floatOk += fp == labels[i] ? 1 : 0;
      fixedOk += r.prediction() == labels[i] ? 1 : 0;
      same += fp == r.prediction() ? 1 : 0;
      for (Map.Entry<String, LayerTrace> e : ft.entrySet()) {
        byte[][] a = e.getValue().spikes();
        byte[][] b = xt.get(e.getKey()).spikes();
        long[] c = agree.computeIfAbsent(e.getKey(), k -> new long[2]);
        for (int t = 0; t < a.length; t++) {
          for (int l = 0; l < a[t].length; l++) {
            c[0] += a[t][l] == b[t][l] ? 1 : 0;
            c[1]++;
          }
        }
      }
      for (FixedInference.Saturation s : r.saturations()) {
        sat.merge(s.layer(), s.events(), Long::sum);
      }
      progress.accept(i + 1);
    }
    Map<String, Long> saturations = new LinkedHashMap<>();
    saturations.put("input", input.events());
    saturations.putAll(sat);
    Map<String, Double> rates = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : agree.entrySet()) {
      rates.put(
          e.getKey(), e.getValue()[1] == 0 ? 1.0 : (double) e.getValue()[0] / e.getValue()[1]);
    }
    return new Report(inputs.size(), floatOk, fixedOk, same, rates, saturations, fixedPred);
  }
}
