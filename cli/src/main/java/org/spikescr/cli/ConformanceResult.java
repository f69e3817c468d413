package org.spikescr.cli;

import java.util.List;
import org.spikescr.conformance.ConformanceReport;

/**
 * The result of {@code conformance}.
 *
 * @param dir directory of reference vectors
 * @param precision {@code float32} or {@code double}
 * @param samples utterances compared
 * @param predictions labels the simulator predicted
 * @param expected labels of the reference run
 * @param labelsMatch true when every label agrees
 * @param minSpikeAgreement the lowest per-layer fraction of identical spike values
 * @param maxLogitDifference largest absolute difference of a head output
 * @param layers per-layer agreement in forward order
 * @param passed labels match and every layer reaches the required agreement
 */
record ConformanceResult(
    String dir,
    String precision,
    int samples,
    List<Integer> predictions,
    List<Integer> expected,
    boolean labelsMatch,
    double minSpikeAgreement,
    double maxLogitDifference,
    List<Layer> layers,
    boolean passed) {

  /** Copies. */
  ConformanceResult {
    predictions = List.copyOf(predictions);
    expected = List.copyOf(expected);
    layers = List.copyOf(layers);
  }

  /** One LIF layer's agreement; see {@link ConformanceReport.Layer}. */
  record Layer(
      String name,
      long values,
      long identical,
      long mismatches,
      double agreement,
      long referenceSpikes,
      long simulatedSpikes) {}

  static ConformanceResult of(String dir, Precision precision, ConformanceReport r, boolean ok) {
    return new ConformanceResult(
        dir,
        precision.toString(),
        r.samples(),
        JsonOutput.list(r.predictions()),
        JsonOutput.list(r.expected()),
        r.labelsMatch(),
        r.minSpikeAgreement(),
        r.maxLogitDifference(),
        r.layers().stream()
            .map(
                l ->
                    new Layer(
                        l.name(),
                        l.values(),
                        l.identical(),
                        l.mismatches(),
                        l.agreement(),
                        l.referenceSpikes(),
                        l.simulatedSpikes()))
            .toList(),
        ok);
  }
}
