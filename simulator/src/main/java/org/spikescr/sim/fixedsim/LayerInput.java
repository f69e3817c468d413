package org.spikescr.sim.fixedsim;

/**
 * The input of one synaptic layer over an utterance, for the fast path: row-major {@code [step *
 * width + lane]} integers with a proven bound on their magnitude, which decides whether the sums
 * may run in 32-bit arithmetic and whether {@code sat_A} can act at all. Read only.
 */
final class LayerInput {
  /** The values, {@code [steps][width]} row-major; never modified. */
  final int[] values;

  /** Steps of the utterance. */
  final int steps;

  /** An upper bound of every {@code |value|}. */
  final int maxAbs;

  /** Whether no value is negative. */
  final boolean nonNegative;

  /** Whether the values are real-valued (mel) inputs: the embedding then counts MACs. */
  final boolean real;

  /** The events of the values when they are known already, else null. */
  private final StepEvents events;

  private LayerInput(
      int[] values, int steps, int maxAbs, boolean nonNegative, boolean real, StepEvents events) {
    this.values = values;
    this.steps = steps;
    this.maxAbs = maxAbs;
    this.nonNegative = nonNegative;
    this.real = real;
    this.events = events;
  }

  /**
   * Values in {@code -maxAbs .. maxAbs} (in {@code 0 .. maxAbs} when {@code nonNegative}), with
   * their events when known (else null).
   */
  static LayerInput of(
      int[] values, int steps, int maxAbs, boolean nonNegative, boolean real, StepEvents events) {
    return new LayerInput(values, steps, maxAbs, nonNegative, real, events);
  }

  /** Spikes (0 or 1). */
  static LayerInput spikes(int[] values, int steps) {
    return new LayerInput(values, steps, 1, true, false, null);
  }

  /** Values in {@code 0 .. max} (spikes or the residual stream) whose events are known. */
  static LayerInput counts(int[] values, int steps, int max, StepEvents events) {
    return new LayerInput(values, steps, max, true, false, events);
  }

  /** Front-end values, bounded by their own extremes; {@code real} for mel inputs. */
  static LayerInput raw(int[] values, int steps, boolean real) {
    int max = 0;
    int min = 0;
    for (int v : values) {
      max = Math.max(max, Math.abs(v));
      min = Math.min(min, v);
    }
    return new LayerInput(values, steps, max, min >= 0, real, null);
  }

  /** The events of the values, {@code width} values per step: the known ones or new ones. */
  StepEvents events(int width) {
    return events != null ? events : StepEvents.of(values, steps, width);
  }
}
