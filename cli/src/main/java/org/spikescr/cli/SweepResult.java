package org.spikescr.cli;

import java.util.List;

/**
 * The result of {@code spikescr sweep}, also written as {@code sweep.json} in its directory.
 *
 * @param format {@code spikescr-sweep}, marking the directory as a sweep's
 * @param model the model swept
 * @param data the dataset
 * @param samples utterances measured per point
 * @param part the part whose budget {@code fits} checks
 * @param architecture the architecture of every point's design ({@code generate --arch})
 * @param clockMhz the clock of the latencies
 * @param points every point, in the order of the weight widths, then the lanes
 * @param pareto the names of the points on the Pareto front (latency, LUTs and accuracy)
 * @param fastestFitting the fastest point that fits the part (ties: the more accurate, then the
 *     smaller), or null when none fits
 */
record SweepResult(
    String format,
    String model,
    String data,
    int samples,
    String part,
    String architecture,
    double clockMhz,
    List<Point> points,
    List<String> pareto,
    String fastestFitting) {

  /** Copies the lists. */
  SweepResult {
    points = List.copyOf(points);
    pareto = List.copyOf(pareto);
  }

  /**
   * One configuration.
   *
   * @param name {@code p<lanes>-w<bits>}, its folder under {@code points/}
   * @param lanes output channels computed in parallel
   * @param weightBits weight width
   * @param cycles cycles per inference (the cycle model, mean over the data)
   * @param latencyUs {@code cycles} at the clock, in microseconds
   * @param accuracy the integer model's accuracy on the data
   * @param lut LUTs ({@code synth})
   * @param ff flip-flops
   * @param bram36 36 Kb block RAMs
   * @param dsp DSP slices
   * @param logicDepth LUT levels between registers
   * @param fits whether it fits the part
   * @param pareto whether no other point is as fast, as small and as accurate and better in one
   */
  record Point(
      String name,
      int lanes,
      int weightBits,
      double cycles,
      double latencyUs,
      double accuracy,
      long lut,
      long ff,
      double bram36,
      long dsp,
      int logicDepth,
      boolean fits,
      boolean pareto) {

    /** This point with {@code pareto} set to {@code front}. */
    Point withPareto(boolean front) {
      return new Point(
          name,
          lanes,
          weightBits,
          cycles,
          latencyUs,
          accuracy,
          lut,
          ff,
          bram36,
          dsp,
          logicDepth,
          fits,
          front);
    }

    /** True when this point is at least as good as {@code o} everywhere and better somewhere. */
    boolean dominates(Point o) {
      boolean noWorse = cycles <= o.cycles && lut <= o.lut && accuracy >= o.accuracy;
      boolean better = cycles < o.cycles || lut < o.lut || accuracy > o.accuracy;
      return noWorse && better;
    }
  }
}
