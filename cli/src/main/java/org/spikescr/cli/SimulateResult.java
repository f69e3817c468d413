package org.spikescr.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.spikescr.data.FramingSpec;
import org.spikescr.eval.EvaluationReport;
import org.spikescr.sim.EnergyModel;

/**
 * The result of {@code simulate}; its JSON keys are the snake-case component names. A null
 * component is left out of the JSON ({@code frame_ms} and {@code window_s} without framing, {@code
 * saturations} in float mode).
 *
 * @param model model file
 * @param data dataset file
 * @param mode {@code float} or {@code fixed}
 * @param precision {@code double}, {@code float32}, or {@code integer} in fixed mode
 * @param frameMs frame length in ms of spike data
 * @param windowS fixed window in seconds of spike data (0 = none)
 * @param samples utterances simulated
 * @param accuracy fraction of correct predictions
 * @param predictions predicted class per utterance
 * @param labels true class per utterance
 * @param scores time-summed softmax per utterance
 * @param confusion counts {@code [true][predicted]}
 * @param firingRates spikes per neuron and time step per LIF layer
 * @param meanTimeSteps mean frames per utterance
 * @param sops mean synaptic accumulates per inference
 * @param macs mean multiply-accumulates per inference
 * @param attentionOps mean attention accumulates per inference (not in the energy)
 * @param energyUj mean energy per inference in microjoules
 * @param energyAssumptions the energy model's assumptions
 * @param saturations overflow events per layer (fixed mode)
 */
record SimulateResult(
    String model,
    String data,
    String mode,
    String precision,
    Double frameMs,
    Double windowS,
    int samples,
    double accuracy,
    List<Integer> predictions,
    List<Integer> labels,
    List<List<Double>> scores,
    List<List<Long>> confusion,
    Map<String, Double> firingRates,
    double meanTimeSteps,
    double sops,
    double macs,
    double attentionOps,
    double energyUj,
    List<String> energyAssumptions,
    Map<String, Long> saturations) {

  /** Copies. */
  SimulateResult {
    predictions = List.copyOf(predictions);
    labels = List.copyOf(labels);
    scores = scores.stream().map(List::copyOf).toList();
    confusion = confusion.stream().map(List::copyOf).toList();
    firingRates = JsonOutput.ordered(firingRates);
    energyAssumptions = List.copyOf(energyAssumptions);
    saturations = saturations == null ? null : JsonOutput.ordered(saturations);
  }

  static SimulateResult of(
      String model,
      String data,
      SimulationMode mode,
      Precision precision,
      FramingSpec framing,
      EvaluationReport r,
      Map<String, Long> saturations) {
    return new SimulateResult(
        model,
        data,
        mode.toString(),
        mode == SimulationMode.FIXED ? "integer" : precision.toString(),
        framing == null ? null : framing.frameMs(),
        framing == null ? null : framing.windowS(),
        r.samples(),
        r.accuracy(),
        JsonOutput.list(r.predictions()),
        JsonOutput.list(r.labels()),
        r.scores().stream().map(JsonOutput::list).toList(),
        Arrays.stream(r.confusion()).map(JsonOutput::list).toList(),
        r.firingRates(),
        r.meanTimeSteps(),
        r.sops(),
        r.macs(),
        r.attentionOps(),
        r.energyMicrojoules(),
        EnergyModel.ASSUMPTIONS,
        saturations);
  }
}
