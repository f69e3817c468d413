package org.spikescr.cli;

import java.util.List;
import java.util.Map;

/**
 * The result of {@code fidelity}: one row per weight width.
 *
 * @param model float model file
 * @param data dataset file
 * @param widths the figures per weight width, in the order asked
 */
record FidelityResult(String model, String data, List<Width> widths) {
  /** Copies. */
  FidelityResult {
    widths = List.copyOf(widths);
  }

  /** The {@link FidelityFigures} of one weight width, with the width first. */
  record Width(
      int weightBits,
      int samples,
      double floatAccuracy,
      double fixedAccuracy,
      double labelAgreement,
      double minSpikeAgreement,
      Map<String, Double> spikeAgreement,
      long saturationEvents,
      Map<String, Long> saturations) {

    /** Copies. */
    Width {
      spikeAgreement = JsonOutput.ordered(spikeAgreement);
      saturations = JsonOutput.ordered(saturations);
    }

    static Width of(int weightBits, FidelityFigures f) {
      return new Width(
          weightBits,
          f.samples(),
          f.floatAccuracy(),
          f.fixedAccuracy(),
          f.labelAgreement(),
          f.minSpikeAgreement(),
          f.spikeAgreement(),
          f.saturationEvents(),
          f.saturations());
    }
  }
}
