package org.spikescr.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.sim.EnergyModel;

/**
 * Accuracy and activity of a simulator over a set of labelled utterances.
 *
 * @param samples utterances evaluated
 * @param classes number of classes
 * @param predictions predicted class per utterance
 * @param labels true class per utterance
 * @param scores time-summed softmax per utterance
 * @param confusion counts, {@code [true][predicted]}
 * @param firingRates spikes per neuron and time step, per LIF layer, over all utterances
 * @param sops mean synaptic accumulates per inference
 * @param macs mean multiply-accumulates per inference
 * @param attentionOps mean accumulates of the attention products per inference (not in energy)
 * @param meanTimeSteps mean frames per utterance
 */
public record EvaluationReport(
    int samples,
    int classes,
    int[] predictions,
    int[] labels,
    List<double[]> scores,
    long[][] confusion,
    Map<String, Double> firingRates,
    double sops,
    double macs,
    double attentionOps,
    double meanTimeSteps) {

  /** Copies. */
  public EvaluationReport {
    predictions = predictions.clone();
    labels = labels.clone();
    scores = List.copyOf(scores);
    long[][] c = new long[confusion.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = confusion[i].clone();
    }
    confusion = c;
    firingRates = Collections.unmodifiableMap(new LinkedHashMap<>(firingRates));
  }

  /** Fraction of correct predictions. */
  public double accuracy() {
    int ok = 0;
    for (int i = 0; i < samples; i++) {
      if (predictions[i] == labels[i]) {
        ok++;
      }
    }
    return samples == 0 ? 0 : (double) ok / samples;
  }

  /** Mean energy per inference in microjoules by {@link EnergyModel}. */
  public double energyMicrojoules() {
    return EnergyModel.microjoules(sops, macs);
  }

  /** Mean firing rate over all LIF layers, weighted by neurons. */
  public double meanFiringRate() {
    double s = 0;
    for (double r : firingRates.values()) {
      s += r;
    }
    return firingRates.isEmpty() ? 0 : s / firingRates.size();
  }
}
