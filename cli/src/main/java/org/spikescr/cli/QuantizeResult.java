package org.spikescr.cli;

import java.util.List;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;

/**
 * The result of {@code quantize}.
 *
 * @param model float model file
 * @param out quantized model file written
 * @param weightBits N
 * @param membraneFracBits G
 * @param maxTimeSteps T_max
 * @param inputFormat format of the network input
 * @param ropeFracBits F_R
 * @param headLogitBits width of the head outputs
 * @param layers widths per LIF layer
 * @param calibration agreement with the float model on calibration data; null (left out) without
 *     {@code --calib}
 */
record QuantizeResult(
    String model,
    String out,
    int weightBits,
    int membraneFracBits,
    int maxTimeSteps,
    String inputFormat,
    int ropeFracBits,
    int headLogitBits,
    List<LifWidths> layers,
    FidelityFigures calibration) {

  /** Copies. */
  QuantizeResult {
    layers = List.copyOf(layers);
  }

  static QuantizeResult of(
      String model, String out, QuantizedModel q, FidelityFigures calibration) {
    QuantSettings s = q.settings();
    return new QuantizeResult(
        model,
        out,
        s.weightBits(),
        s.membraneFracBits(),
        s.maxTimeSteps(),
        s.inputFormat().toString(),
        s.ropeFracBits(),
        q.head().logitBits(),
        LifWidths.of(q),
        calibration);
  }
}
