package org.spikescr.conformance;

import java.util.List;

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
