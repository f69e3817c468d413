package org.spikescr.sim.fixedsim;

/**
 * The non-zero values of a row-major {@code [steps][width]} activation, step by step: for step
 * {@code t}, {@code index[e]} and {@code value[e]} for {@code start[t] <= e < start[t+1]}. Computed
 * once and shared by the layers that read the same activation (q, k and v; the value and gate
 * halves of pw2).
 */
final class StepEvents {
  final int[] index;
  final int[] value;
  final int[] start;

  private StepEvents(int[] index, int[] value, int[] start) {
    this.index = index;
    this.value = value;
    this.start = start;
  }

  /** The events of {@code x}, {@code [steps][width]} row-major. */
  static StepEvents of(int[] x, int steps, int width) {
    int[] index = new int[steps * width + 1];
    int[] value = new int[steps * width + 1];
    int[] start = new int[steps + 1];
    int count = 0;
    for (int t = 0; t < steps; t++) {
      start[t] = count;
      int base = t * width;
      for (int i = 0; i < width; i++) {
        int v = x[base + i];
        index[count] = i;
        value[count] = v;
        count += v != 0 ? 1 : 0;
      }
    }
    start[steps] = count;
    return new StepEvents(index, value, start);
  }

  /**
   * Writes the indices of the non-zero values of {@code x[base .. base+n)} into {@code nz}; returns
   * how many.
   */
  static int nonZero(int[] x, int base, int n, int[] nz) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      nz[count] = i;
      count += x[base + i] != 0 ? 1 : 0;
    }
    return count;
  }
}
