package org.spikescr.data;

/**
 * How spike events become model input frames: frame length, optional fixed window and channel
 * pooling.
 *
 * @param frameMs frame length in milliseconds (SHD {@code time_step}), positive
 * @param windowS fixed window in seconds from time 0, or 0 for the SHD framing that starts at the
 *     first spike and ends at the last
 * @param pool adjacent units summed into one feature (5 turns 700 units into 140 features)
 */
public record FramingSpec(double frameMs, double windowS, int pool) {
  /** Checks the values. */
  public FramingSpec {
    if (!(frameMs > 0) || !Double.isFinite(frameMs)) {
      throw new IllegalArgumentException("frameMs must be a positive number, got " + frameMs);
    }
    if (!(windowS >= 0) || !Double.isFinite(windowS)) {
      throw new IllegalArgumentException("windowS must be 0 or positive, got " + windowS);
    }
    if (pool < 1) {
      throw new IllegalArgumentException("pool must be 1 or more, got " + pool);
    }
  }

  /** The SHD framing of SPIKESCR.md 6.2 with 5-unit pooling and no window. */
  public static FramingSpec shd(double frameMs) {
    return new FramingSpec(frameMs, 0, 5);
  }

  /**
   * The fixed-window framing with 5-unit pooling: {@code round(windowS * 1000 / frameMs)} frames.
   */
  public static FramingSpec fixedWindow(double frameMs, double windowS) {
    if (!(windowS > 0)) {
      throw new IllegalArgumentException("a fixed window needs windowS > 0, got " + windowS);
    }
    return new FramingSpec(frameMs, windowS, 5);
  }

  /** The number of frames of the fixed window, or 0 when there is none. */
  public int windowFrames() {
    return windowS > 0 ? (int) Math.round(windowS * 1000 / frameMs) : 0;
  }
}
