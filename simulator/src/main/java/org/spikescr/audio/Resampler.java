package org.spikescr.audio;

/**
 * Band-limited resampling by a Hann-windowed sinc kernel, the method of torchaudio's default {@code
 * Resample} ({@code sinc_interp_hann}, 6 zero crossings, roll-off 0.99), so that the GSC pipeline
 * of SPIKESCR.md 6.3 (16 kHz to 8 kHz) is reproduced.
 *
 * <p>With the rates reduced by their greatest common divisor to {@code p -> q}, the cut-off is
 * {@code f = 0.99 min(p, q)} (in units of the reduced rates) and output sample {@code n = j q + i}
 * is {@code sum_m x[j p + m - w] h_i(m)} with {@code w = ceil(6 p / f)} and {@code h_i(m) = (f/p)
 * sinc(pi f (m - w) / p - pi f i / q) cos^2(t pi / 12)}, where {@code t = f ((m - w)/p - i/q)} is
 * limited to [-6, 6]; x is zero outside the signal. The output has {@code ceil(q N / p)} samples.
 * Taps where t reaches the limit have weight below 1e-32 and are left out. Deterministic: the same
 * input gives the same bits.
 */
public final class Resampler {
  private static final int ZERO_CROSSINGS = 6;
  private static final double ROLLOFF = 0.99;

  private Resampler() {}

  /** Resamples a signal from {@code fromRate} to {@code toRate} hertz. */
  public static double[] resample(double[] x, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + fromRate + ", " + toRate);
    }
    if (fromRate == toRate) {
      return x.clone();
    }
    int g = gcd(fromRate, toRate);
    int p = fromRate / g;
    int q = toRate / g;
    double base = Math.min(p, q) * ROLLOFF;
    int width = (int) Math.ceil(ZERO_CROSSINGS * p / base);
    double scale = base / p;
    long outLen = (long) Math.ceil((double) q * x.length / p);
    double[] out = new double[(int) outLen];
    int[] first = new int[q];
    double[][] taps = new double[q][];
    for (int i = 0; i < q; i++) {
      // taps m with |t| < 6: (m - width)/p - i/q in (-6/base, 6/base)
      double centre = width + (double) i * p / q;
      double half = ZERO_CROSSINGS * p / base;
      int lo = Math.max(0, (int) Math.floor(centre - half));
      int hi = Math.min(2 * width + p - 1, (int) Math.ceil(centre + half));
      first[i] = lo;
      taps[i] = new double[hi - lo + 1];
      for (int m = lo; m <= hi; m++) {
        double t = base * ((double) (m - width) / p - (double) i / q);
        if (t <= -ZERO_CROSSINGS || t >= ZERO_CROSSINGS) {
          continue;
        }
        double w = Math.cos(t * Math.PI / ZERO_CROSSINGS / 2);
        double pt = t * Math.PI;
        double sinc = pt == 0 ? 1 : Math.sin(pt) / pt;
        taps[i][m - lo] = sinc * w * w * scale;
      }
    }
    for (int n = 0; n < out.length; n++) {
      int j = n / q;
      int i = n % q;
      double[] h = taps[i];
      int start = j * p + first[i] - width;
      double acc = 0;
      for (int k = 0; k < h.length; k++) {
        int s = start + k;
        if (s >= 0 && s < x.length) {
          acc += x[s] * h[k];
        }
      }
      out[n] = acc;
    }
    return out;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
