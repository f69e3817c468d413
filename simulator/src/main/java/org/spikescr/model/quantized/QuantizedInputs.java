package org.spikescr.model.quantized;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.fixed.real.RealFixed;

/**
 * The front-end cast of {@code docs/fixed-point.md} 2.2: real input frames (spike counts or mel dB)
 * to raw integers of the model's input format, {@code RND_CONV} and {@code SAT}, counting the
 * values that saturate in a counter named {@code input}.
 */
public final class QuantizedInputs {
  private QuantizedInputs() {}

  /** Converts frames {@code [T][channels]}; saturations are recorded in {@code counter}. */
  public static long[][] convert(double[][] frames, FixedFormat format, SaturationCounter counter) {
    long[][] out = new long[frames.length][];
    for (int t = 0; t < frames.length; t++) {
      out[t] = new long[frames[t].length];
      for (int c = 0; c < frames[t].length; c++) {
        var r = RealFixed.fromReal(frames[t][c], format, Quantization.RND_CONV, Overflow.SAT);
        counter.record(r.overflowed());
        out[t][c] = r.raw();
      }
    }
    return out;
  }
}
