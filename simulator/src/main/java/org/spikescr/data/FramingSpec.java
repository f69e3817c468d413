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
  /**
   * Most frames one utterance may have. Every command checks the frame count against it before
   * allocating anything; the attention of a longer utterance would not fit a usual Java heap.
   */
  public static final int MAX_FRAMES = 4096;

  /** Shortest fixed window, seconds: one 256-point FFT at 8 kHz. */
  public static final double MIN_WINDOW_S = 0.032;

  /** Longest fixed window, seconds. */
  public static final double MAX_WINDOW_S = 600;

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

  /**
   * The number of frames of the fixed window, or 0 when there is none.
   *
   * @throws IllegalArgumentException when the window holds no frame or more than {@link
   *     #MAX_FRAMES}
   */
  public int windowFrames() {
    if (windowS == 0) {
      return 0;
    }
    double n = Math.rint(windowS * 1000 / frameMs);
    checkFrames(n, "a window of " + windowS + " s");
    return (int) n;
  }

  /**
   * Checks a frame count computed in double before anything of that size is allocated.
   *
   * @param frames the count
   * @param what what spans the frames, for the message ("a window of 2 s")
   */
  public void checkFrames(double frames, String what) {
    if (!(frames >= 1)) {
      throw new IllegalArgumentException(
          what + " holds no frame of " + frameMs + " ms; use a shorter --frame-ms");
    }
    if (frames > MAX_FRAMES) {
      throw new IllegalArgumentException(
          what
              + " at "
              + frameMs
              + " ms per frame gives "
              + String.format(java.util.Locale.ROOT, "%.0f", frames)
              + " frames, more than the limit of "
              + MAX_FRAMES
              + "; use a longer --frame-ms or shorter recordings");
    }
  }
}
