package org.spikescr.audio;

import java.util.Arrays;
import org.spikescr.data.SpikeEvents;

/** The per-recording state of a {@link CochleaFrontEnd} run: filters, hair cells and LIF units. */
final class Channels {
  private final CochleaFrontEnd p;
  private final double[] x;
  private final int n;
  private final double[] pr;
  private final double[] pi;
  private final double[] in;
  private final double ihcA;
  private final double leak;
  private final double adaptDecay;
  private final int refractory;
  private long[] keys = new long[1024];
  private int count;

  Channels(CochleaFrontEnd p, double[] signal) {
    this.p = p;
    this.n = p.channels();
    this.x = emphasise(signal, p.preEmphasis());
    double[] fc = p.centreFrequencies();
    pr = new double[n];
    pi = new double[n];
    in = new double[n];
    for (int c = 0; c < n; c++) {
      double b = 1.019 * 24.7 * (1 + 0.00437 * fc[c]);
      double a = StrictMath.exp(-2 * Math.PI * b / p.rate());
      double w = 2 * Math.PI * fc[c] / p.rate();
      pr[c] = a * StrictMath.cos(w);
      pi[c] = a * StrictMath.sin(w);
      in[c] = 1 - a;
    }
    ihcA = StrictMath.exp(-2 * Math.PI * p.ihcCutoffHz() / p.rate());
    leak = StrictMath.exp(-1000.0 / (p.rate() * p.tauMs()));
    adaptDecay = StrictMath.exp(-1000.0 / (p.rate() * p.adaptTauMs()));
    refractory = (int) Math.round(p.refractoryMs() * p.rate() / 1000);
  }

  private static double[] emphasise(double[] signal, double k) {
    double[] y = new double[signal.length];
    double peak = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = signal[i] - (i > 0 ? k * signal[i - 1] : 0);
      peak = Math.max(peak, Math.abs(y[i]));
    }
    if (peak > 0) {
      double g = 1 / peak;
      for (int i = 0; i < y.length; i++) {
        y[i] *= g;
      }
    }
    return y;
  }

  SpikeEvents run() {
    // Channels are independent: run each through the whole signal with its state in locals, collect
    // spikes as keys (sample * channels + unit), then sort them into time-then-unit order.
    for (int c = 0; c < n; c++) {
      runChannel(c);
    }
    long[] sorted = Arrays.copyOf(keys, count);
    Arrays.sort(sorted);
    double[] times = new double[count];
    int[] units = new int[count];
    for (int i = 0; i < count; i++) {
      long sample = sorted[i] / n;
      times[i] = sample / (double) p.rate();
      units[i] = (int) (sorted[i] % n);
    }
    return new SpikeEvents(times, units);
  }

  private void runChannel(int c) {
    final double ar = pr[c];
    final double ai = pi[c];
    final double g = in[c];
    final double floor = p.floor();
    final double quiet = Math.max(floor * floor * floor, 1e-12);
    final double gain = p.gain();
    final double adaptStep = p.adaptStep();
    final double ihcB = 1 - ihcA;
    double s0r = 0;
    double s0i = 0;
    double s1r = 0;
    double s1i = 0;
    double s2r = 0;
    double s2i = 0;
    double s3r = 0;
    double s3i = 0;
    double ihc = 0;
    double v = 0;
    double adapt = 0;
    int dead = 0;
    for (int t = 0; t < x.length; t++) {
      // four complex one-pole stages: s <- pole * s + g * input
      double r0 = ar * s0r - ai * s0i + g * x[t];
      double i0 = ar * s0i + ai * s0r;
      s0r = r0;
      s0i = i0;
      double r1 = ar * s1r - ai * s1i + g * r0;
      double i1 = ar * s1i + ai * s1r + g * i0;
      s1r = r1;
      s1i = i1;
      double r2 = ar * s2r - ai * s2i + g * r1;
      double i2 = ar * s2i + ai * s2r + g * i1;
      s2r = r2;
      s2i = i2;
      double r3 = ar * s3r - ai * s3i + g * r2;
      double i3 = ar * s3i + ai * s3r + g * i2;
      s3r = r3;
      s3i = i3;
      double bm = 2 * r3;
      ihc = ihcA * ihc + ihcB * (bm > 0 ? bm : 0);
      adapt *= adaptDecay;
      if (dead > 0) {
        dead--;
        continue;
      }
      double drive = ihc > quiet ? cbrt(ihc) - floor : 0;
      v = v * leak + (drive > 0 ? gain * drive : 0);
      if (v >= 1 + adapt) {
        v = 0;
        adapt += adaptStep;
        dead = refractory;
        add((long) t * n + c);
      }
    }
  }

  /** Cube root of a positive number by Newton's method from a bit-level first guess. */
  static double cbrt(double v) {
    double y = Double.longBitsToDouble(Double.doubleToRawLongBits(v) / 3 + 0x2A9F7893782DA1CEL);
    for (int i = 0; i < 4; i++) {
      y = y - (y * y * y - v) / (3 * y * y);
    }
    return y;
  }

  private void add(long key) {
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, 2 * count);
    }
    keys[count++] = key;
  }
}
