package org.spikescr.cli;

import java.util.List;
import java.util.Map;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;

/**
 * The result of {@code info} on a quantized model.
 *
 * @param model model file
 * @param kind always {@code quantized}
 * @param dModel embedding width D
 * @param heads attention heads
 * @param depth encoder blocks
 * @param classes output classes
 * @param qkLayout layout of the attention products
 * @param weightBits N
 * @param membraneFracBits G
 * @param maxTimeSteps T_max
 * @param inputFormat format of the network input
 * @param ropeFracBits F_R
 * @param headLogitBits width of the head outputs
 * @param provenance free-form facts recorded with the model
 * @param layers widths per LIF layer
 */
record QuantizedInfoResult(
    String model,
    String kind,
    int dModel,
    int heads,
    int depth,
    int classes,
    String qkLayout,
    int weightBits,
    int membraneFracBits,
    int maxTimeSteps,
    String inputFormat,
    int ropeFracBits,
    int headLogitBits,
    Map<String, String> provenance,
    List<LifWidths> layers) {

  /** Copies. */
  QuantizedInfoResult {
    provenance = JsonOutput.ordered(provenance);
    layers = List.copyOf(layers);
  }

  static QuantizedInfoResult of(String file, QuantizedModel q) {
    QuantSettings s = q.settings();
    return new QuantizedInfoResult(
        file,
        "quantized",
        q.config().dModel(),
        q.config().heads(),
        q.config().depth(),
        q.config().classes(),
        q.config().qkLayout().fileName(),
        s.weightBits(),
        s.membraneFracBits(),
        s.maxTimeSteps(),
        s.inputFormat().toString(),
        s.ropeFracBits(),
        q.head().logitBits(),
        q.provenance(),
        LifWidths.of(q));
  }
}
