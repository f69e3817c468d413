package org.spikescr.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
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

  /** A copy of the predicted classes. */
  @Override
  public int[] predictions() {
    return predictions.clone();
  }

  /** A copy of the true classes. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of the confusion counts. */
  @Override
  public long[][] confusion() {
    long[][] c = new long[confusion.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = confusion[i].clone();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvaluationReport r
        && samples == r.samples
        && classes == r.classes
        && Arrays.equals(predictions, r.predictions)
        && Arrays.equals(labels, r.labels)
        && Arrays.deepEquals(scores.toArray(), r.scores.toArray())
        && Arrays.deepEquals(confusion, r.confusion)
        && firingRates.equals(r.firingRates)
        && Double.compare(sops, r.sops) == 0
        && Double.compare(macs, r.macs) == 0
        && Double.compare(attentionOps, r.attentionOps) == 0
        && Double.compare(meanTimeSteps, r.meanTimeSteps) == 0;
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(samples, classes, firingRates, sops, macs, attentionOps, meanTimeSteps);
    h = h * 31 + Arrays.hashCode(predictions);
    h = h * 31 + Arrays.hashCode(labels);
    h = h * 31 + Arrays.deepHashCode(scores.toArray());
    return h * 31 + Arrays.deepHashCode(confusion);
  }

  @Override
  public String toString() {
    return "EvaluationReport[samples="
        + samples
        + ", classes="
        + classes
        + ", accuracy="
        + accuracy()
        + ", sops="
        + sops
        + ", macs="
        + macs
        + ", attentionOps="
        + attentionOps
        + ", meanTimeSteps="
        + meanTimeSteps
        + ", firingRates="
        + firingRates
        + "]";
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
