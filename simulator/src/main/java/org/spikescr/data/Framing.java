package org.spikescr.data;

/**
 * Turns a sample into the model's input frames (T, features): spike counts per frame and pooled
 * channel group for spike samples, the stored frames for mel samples.
 *
 * <p><b>SHD framing</b> ({@link FramingSpec#windowS()} = 0), exactly as spikingjelly's {@code
 * integrate_events_by_fixed_duration_shd} followed by SpikeSCR's pooling (SPIKESCR.md 6.2): {@code
 * tms = 1000 * t}, then {@code tms -= tms[0]} (time runs from the first spike); {@code n =
 * ceil(tms[last] / dt)}, at least 1; {@code k = tms // dt} (numpy floor division); frames {@code 0
 * .. n-2} take the spikes with {@code k == i}, the last frame takes every remaining spike; feature
 * {@code g} sums units {@code pool*g .. pool*g+pool-1}.
 *
 * <p><b>Fixed-window framing</b> (this project's addition, for recordings placed in a window of
 * {@code windowS} seconds): time runs from 0, the start of the window; {@code T = round(windowS *
 * 1000 / dt)}; frame i takes the spikes with {@code floor(1000 * t / dt) == i}; spikes at or beyond
 * the window's end are dropped. Every sample then has the same T.
 *
 * <p>Arithmetic is in double. The official pipeline multiplies in the file's own dtype (float16 in
 * some SHD files, SPIKESCR.md 7.16), which can move a spike across a frame edge relative to this
 * code; we keep double because the hardware flow needs one well-defined answer.
 */
public final class Framing {
  /**
   * Units of the SHD layout; spike samples framed without a channel count are assumed to have it.
   */
  public static final int SHD_UNITS = 700;

  private Framing() {}

  /**
   * The input frames of a sample: (T, 700 / pool) spike counts for spike samples (SHD's 700 units),
   * (T, bands) as stored for mel samples.
   */
  public static double[][] frames(Sample s, FramingSpec spec) {
    if (!s.isSpikes()) {
      double[][] out = new double[s.frameCount()][s.frameWidth()];
      for (int t = 0; t < out.length; t++) {
        for (int c = 0; c < out[t].length; c++) {
          out[t][c] = s.frameValue(t, c);
        }
      }
      return out;
    }
    return frames(s.events(), SHD_UNITS, spec);
  }

  /** The input frames (T, channels / pool) of spike events with {@code channels} units. */
  public static double[][] frames(SpikeEvents e, int channels, FramingSpec spec) {
    if (channels % spec.pool() != 0) {
      throw new IllegalArgumentException(
          channels + " channels do not pool evenly by " + spec.pool());
    }
    int width = channels / spec.pool();
    for (int i = 0; i < e.count(); i++) {
      if (e.unit(i) < 0 || e.unit(i) >= channels) {
        throw new IllegalArgumentException(
            "spike " + i + ": unit " + e.unit(i) + " outside 0.." + (channels - 1));
      }
    }
    return spec.windowS() > 0 ? windowFrames(e, spec, width) : shdFrames(e, spec, width);
  }

  private static double[][] shdFrames(SpikeEvents e, FramingSpec spec, int width) {
    int count = e.count();
    if (count == 0) {
      throw new IllegalArgumentException("no spikes to frame");
    }
    double dt = spec.frameMs();
    double t0 = 1000 * e.time(0);
    double last = 1000 * e.time(count - 1) - t0;
    double frames = Math.max(1, Math.ceil(last / dt));
    spec.checkFrames(frames, "spikes over " + last + " ms");
    int n = (int) frames;
    double[][] out = new double[n][width];
    for (int i = 0; i < count; i++) {
      double k = floorDivide(1000 * e.time(i) - t0, dt);
      int frame = k >= n - 1 ? n - 1 : (int) k;
      out[frame][e.unit(i) / spec.pool()] += 1;
    }
    return out;
  }

  private static double[][] windowFrames(SpikeEvents e, FramingSpec spec, int width) {
    int n = spec.windowFrames();
    double[][] out = new double[n][width];
    for (int i = 0; i < e.count(); i++) {
      double k = floorDivide(1000 * e.time(i), spec.frameMs());
      if (k >= 0 && k < n) {
        out[(int) k][e.unit(i) / spec.pool()] += 1;
      }
    }
    return out;
  }

  /**
   * numpy's {@code a // b} for doubles (npy_divmod): {@code floor((a - fmod(a, b)) / b)} with the
   * sign correction, which differs from {@code Math.floor(a / b)} when the quotient rounds up to an
   * integer ({@code 1.0 // 0.1} is 9).
   */
  static double floorDivide(double a, double b) {
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) {
      div -= 1;
    }
    if (div == 0) {
      return Math.copySign(0, a / b);
    }
    double floor = Math.floor(div);
    if (div - floor > 0.5) {
      floor += 1;
    }
    return floor;
  }
}
