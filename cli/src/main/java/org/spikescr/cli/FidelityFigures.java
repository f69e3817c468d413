package org.spikescr.cli;

import java.util.Map;
import org.spikescr.eval.FidelityCheck;

/**
 * How close a quantized model stays to its float model on a dataset; see {@link
 * FidelityCheck.Report}.
 *
 * @param samples utterances compared
 * @param floatAccuracy accuracy of the float model
 * @param fixedAccuracy accuracy of the quantized model
 * @param labelAgreement fraction of utterances where both predict the same class
 * @param minSpikeAgreement the lowest per-layer spike agreement
 * @param spikeAgreement per LIF layer, the fraction of identical spike values
 * @param saturationEvents all overflow events
 * @param saturations overflow events per layer
 */
record FidelityFigures(
    int samples,
    double floatAccuracy,
    double fixedAccuracy,
    double labelAgreement,
    double minSpikeAgreement,
    Map<String, Double> spikeAgreement,
    long saturationEvents,
    Map<String, Long> saturations) {

  /** Copies. */
  FidelityFigures {
    spikeAgreement = JsonOutput.ordered(spikeAgreement);
    saturations = JsonOutput.ordered(saturations);
  }

  static FidelityFigures of(FidelityCheck.Report r) {
    return new FidelityFigures(
        r.samples(),
        r.floatAccuracy(),
        r.fixedAccuracy(),
        r.labelAgreement(),
        r.minSpikeAgreement(),
        r.spikeAgreement(),
        r.saturationEvents(),
        r.saturations());
  }
}
