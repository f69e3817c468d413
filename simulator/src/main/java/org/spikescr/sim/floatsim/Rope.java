package org.spikescr.sim.floatsim;

import org.spikescr.model.Tensor;
import org.spikescr.sim.FloatPrecision;

/**
 * Rotary position embedding along true time with interleaved channel pairs (SPIKESCR.md 1.6): pair
 * {@code (2j, 2j+1)} at position p is rotated by the angle {@code p * w_j}, with {@code w_j} the
 * stored inverse frequencies.
 */
final class Rope {
  private final float[] freqs;
  private final FloatPrecision precision;

  Rope(Tensor freqs, FloatPrecision precision) {
    this.freqs = freqs.data();
    this.precision = precision;
  }

  /** The cosine of position p and frequency j, in the simulator's precision. */
  double cos(int p, int j) {
    if (precision == FloatPrecision.FLOAT32) {
      return (float) Math.cos(angle32(p, j));
    }
    return Math.cos(p * (double) freqs[j]);
  }

  /** The sine of position p and frequency j, in the simulator's precision. */
  double sin(int p, int j) {
    if (precision == FloatPrecision.FLOAT32) {
      return (float) Math.sin(angle32(p, j));
    }
    return Math.sin(p * (double) freqs[j]);
  }

  private float angle32(int p, int j) {
    return (float) p * freqs[j];
  }

  /**
   * Splits {@code [T][H*Dh]} spikes into heads and rotates them; returns {@code [h][t][d]}. In
   * FLOAT32 precision each output is the float32 sum {@code x*cos + rotate_half(x)*sin}.
   */
  double[][][] rotate(double[][] spikes, int heads, int dh) {
    int steps = spikes.length;
    double[][][] out = new double[heads][steps][dh];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < dh / 2; j++) {
        double c = cos(t, j);
        double s = sin(t, j);
        for (int h = 0; h < heads; h++) {
          double x0 = spikes[t][h * dh + 2 * j];
          double x1 = spikes[t][h * dh + 2 * j + 1];
          double o0;
          double o1;
          if (precision == FloatPrecision.FLOAT32) {
            float cf = (float) c;
            float sf = (float) s;
            o0 = (float) x0 * cf + (float) -x1 * sf;
            o1 = (float) x1 * cf + (float) x0 * sf;
          } else {
            o0 = x0 * c - x1 * s;
            o1 = x1 * c + x0 * s;
          }
          out[h][t][2 * j] = o0;
          out[h][t][2 * j + 1] = o1;
        }
      }
    }
    return out;
  }
}
