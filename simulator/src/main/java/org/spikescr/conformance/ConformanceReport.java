package org.spikescr.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Agreement of the Java float simulator with reference vectors.
 *
 * @param samples utterances compared
 * @param predictions labels the simulator predicted
 * @param expected labels of the reference run
 * @param labelsMatch true when every label agrees
 * @param minSpikeAgreement the lowest per-layer fraction of identical spike values
 * @param maxLogitDifference largest absolute difference of a head output
 * @param layers per-layer agreement in forward order
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record ConformanceReport(
    int samples,
    int[] predictions,
    int[] expected,
    boolean labelsMatch,
    double minSpikeAgreement,
    double maxLogitDifference,
    List<Layer> layers) {

  /** Copies. */
  public ConformanceReport {
    predictions = predictions.clone();
    expected = expected.clone();
    layers = List.copyOf(layers);
  }

  /** A copy of the simulator's labels. */
  @Override
  public int[] predictions() {
    return predictions.clone();
  }

  /** A copy of the reference labels. */
  @Override
  public int[] expected() {
    return expected.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConformanceReport r
        && samples == r.samples
        && Arrays.equals(predictions, r.predictions)
        && Arrays.equals(expected, r.expected)
        && labelsMatch == r.labelsMatch
        && Double.compare(minSpikeAgreement, r.minSpikeAgreement) == 0
        && Double.compare(maxLogitDifference, r.maxLogitDifference) == 0
        && layers.equals(r.layers);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(samples, labelsMatch, minSpikeAgreement, maxLogitDifference, layers);
    h = h * 31 + Arrays.hashCode(predictions);
    return h * 31 + Arrays.hashCode(expected);
  }

  @Override
  public String toString() {
    return "ConformanceReport[samples="
        + samples
        + ", predictions="
        + Arrays.toString(predictions)
        + ", expected="
        + Arrays.toString(expected)
        + ", labelsMatch="
        + labelsMatch
        + ", minSpikeAgreement="
        + minSpikeAgreement
        + ", maxLogitDifference="
        + maxLogitDifference
        + ", layers="
        + layers
        + "]";
  }

  /**
   * One LIF layer's agreement.
   *
   * @param name layer name
   * @param values spike values compared (samples x steps x lanes)
   * @param identical values equal in both runs
   * @param referenceSpikes spikes of the reference run
   * @param simulatedSpikes spikes of the simulator
   */
  public record Layer(
      String name, long values, long identical, long referenceSpikes, long simulatedSpikes) {
    /** Fraction of identical values. */
    public double agreement() {
      return values == 0 ? 1.0 : (double) identical / values;
    }

    /** Number of differing values. */
    public long mismatches() {
      return values - identical;
    }
  }

  /** True when labels agree and every layer reaches the given spike agreement. */
  public boolean passes(double minimumAgreement) {
    return labelsMatch && minSpikeAgreement >= minimumAgreement;
  }
}
