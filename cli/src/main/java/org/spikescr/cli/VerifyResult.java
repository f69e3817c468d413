package org.spikescr.cli;

import java.util.List;

/**
 * The result of {@code spikescr verify --json}.
 *
 * @param design the design directory
 * @param samples utterances verified
 * @param mismatches values that differ from the fixed-point simulator (0 when bit-exact)
 * @param first_mismatch the first difference, or null
 * @param cycles cycles per utterance, first input beat to class beat
 * @param cycles_mean their mean
 * @param predicted_cycles the cycle model's prediction per utterance (checked against {@code
 *     cycles} and every pass when the input is not idle and the output not stalled)
 * @param sim icarus, verilator or both
 * @param sim_seconds wall time of the simulations (builds excluded)
 * @param finished whether every simulation ended normally (no time-out)
 */
record VerifyResult(
    String design,
    int samples,
    long mismatches,
    FirstMismatch first_mismatch,
    List<Long> cycles,
    double cycles_mean,
    List<Long> predicted_cycles,
    String sim,
    double sim_seconds,
    boolean finished) {

  /** The first difference. */
  record FirstMismatch(
      int sample, String layer, int step, int lane, String what, String expected, String got) {}
}
