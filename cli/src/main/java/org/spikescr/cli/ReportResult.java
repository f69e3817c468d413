package org.spikescr.cli;

import java.util.List;
import java.util.Map;

/**
 * The result of {@code spikescr report}: per-inference figures are means over the utterances.
 *
 * @param design the design directory
 * @param data the dataset
 * @param samples utterances measured
 * @param timeSteps frames per utterance
 * @param lanes the design's lanes
 * @param clockMhz the clock the latency assumes
 * @param cycles cycles per inference, first input beat to class beat (the cycle model's)
 * @param loadCycles of {@code cycles}, those the frame loader takes before the first pass
 * @param latencyUs {@code cycles} at {@code clockMhz}, in microseconds
 * @param utilization the lanes' utilization: event-driven operations divided by lanes, over cycles
 * @param energyUj the hardware energy estimate per inference (see {@code energy})
 * @param lut LUTs from {@code synth}, or null without its results
 * @param ff flip-flops, or null
 * @param bram36 36 Kb block RAMs, or null
 * @param dsp DSP slices, or null
 * @param logicDepth LUT levels between registers, or null
 * @param fits whether the design fits {@code part}, or null
 * @param part the part {@code synth} checked, or null
 * @param accuracy the design's (integer model's) accuracy on the data
 * @param synapticOps synaptic operations per inference (accumulates and multiply-accumulates)
 * @param attentionOps attention accumulates per inference
 * @param energy both energy estimates, their parts and assumptions
 * @param passes cycles, operations and utilization of every pass of the schedule
 * @param firingRates spikes per neuron and step of every LIF layer
 * @param teacher the teacher's figures, or null when none was given
 * @param html the HTML page written
 */
record ReportResult(
    String design,
    String data,
    int samples,
    double timeSteps,
    int lanes,
    double clockMhz,
    double cycles,
    double loadCycles,
    double latencyUs,
    double utilization,
    double energyUj,
    Long lut,
    Long ff,
    Double bram36,
    Long dsp,
    Integer logicDepth,
    Boolean fits,
    String part,
    double accuracy,
    double synapticOps,
    double attentionOps,
    Energy energy,
    List<Pass> passes,
    Map<String, Double> firingRates,
    Teacher teacher,
    String html) {

  /** Copies the collections. */
  ReportResult {
    passes = List.copyOf(passes);
    firingRates = JsonOutput.ordered(firingRates);
  }

  /**
   * One pass of the schedule.
   *
   * @param name the layer, attention block or head
   * @param cycles its cycles per inference
   * @param operations its event-driven operations per inference
   * @param idealCycles {@code operations / lanes}
   * @param utilization {@code idealCycles / cycles}
   */
  record Pass(
      String name, double cycles, double operations, double idealCycles, double utilization) {}

  /**
   * The energy estimates per inference, in microjoules.
   *
   * @param weightReadsUj hardware estimate: weight memory reads
   * @param accumulationsUj hardware estimate: accumulator additions
   * @param stateUpdatesUj hardware estimate: membrane and spike state reads and writes
   * @param hardwareUj the hardware estimate's total
   * @param hardwareAssumptions what it assumes and where its per-event energies come from
   * @param opsMethodUj the authors' operation-count method on the same activity
   * @param opsMethodAssumptions what that method assumes
   */
  record Energy(
      double weightReadsUj,
      double accumulationsUj,
      double stateUpdatesUj,
      double hardwareUj,
      List<String> hardwareAssumptions,
      double opsMethodUj,
      List<String> opsMethodAssumptions) {
    /** Copies the lists. */
    Energy {
      hardwareAssumptions = List.copyOf(hardwareAssumptions);
      opsMethodAssumptions = List.copyOf(opsMethodAssumptions);
    }
  }

  /**
   * The teacher (float model) on the same data, for comparison with the student's design.
   *
   * @param model the teacher's file
   * @param timeSteps its frames per utterance (mean)
   * @param accuracy its accuracy
   * @param synapticOps synaptic operations per inference
   * @param energyOpsUj its energy by the authors' method
   * @param firingRates spikes per neuron and step of every LIF layer
   */
  record Teacher(
      String model,
      double timeSteps,
      double accuracy,
      double synapticOps,
      double energyOpsUj,
      Map<String, Double> firingRates) {
    /** Copies the map. */
    Teacher {
      firingRates = JsonOutput.ordered(firingRates);
    }
  }
}
