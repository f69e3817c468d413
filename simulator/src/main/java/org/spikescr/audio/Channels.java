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
  private final double[] s;
  private final double ihcA;
  private final double leak;
  private final double adaptDecay;
  private final int refractory;
  private double[] times = new double[1024];
  private int[] units = new int[1024];
  private int count;

  Channels(CochleaFrontEnd p, double[] signal) {
    this.p = p;
    this.n = p.channels();
    this.x = emphasise(signal, p.preEmphasis());
    double[] fc = p.centreFrequencies();
    pr = new double[n];
    pi = new double[n];
    in = new double[n];
    s = new double[8 * n];
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
    double[] ihc = new double[n];
    double[] v = new double[n];
    double[] adapt = new double[n];
    int[] dead = new int[n];
    double floor = p.floor();
    double quiet = Math.max(floor * floor * floor, 1e-12);
    double gain = p.gain();
    double adaptStep = p.adaptStep();
    double inv = 1.0 / p.rate();
    for (int t = 0; t < x.length; t++) {
      double xt = x[t];
      for (int c = 0; c < n; c++) {
        double bm = filter(c, xt);
        double r = bm > 0 ? bm : 0;
        double h = ihc[c] = ihcA * ihc[c] + (1 - ihcA) * r;
        double drive = h > quiet ? cbrt(h) - floor : 0;
        adapt[c] *= adaptDecay;
        if (dead[c] > 0) {
          dead[c]--;
          continue;
        }
        double vc = v[c] * leak + (drive > 0 ? gain * drive : 0);
        if (vc >= 1 + adapt[c]) {
          vc = 0;
          adapt[c] += adaptStep;
          dead[c] = refractory;
          add(t * inv, c);
        }
        v[c] = vc;
      }
    }
    return new SpikeEvents(Arrays.copyOf(times, count), Arrays.copyOf(units, count));
  }

  /** One sample through channel c's four complex one-pole stages; returns twice the real part. */
  private double filter(int c, double xt) {
    double ar = pr[c];
    double ai = pi[c];
    double g = in[c];
    int o = 8 * c;
    double ur = g * xt;
    double ui = 0;
    for (int k = 0; k < 4; k++) {
      double yr = ar * s[o] - ai * s[o + 1] + ur;
      double yi = ar * s[o + 1] + ai * s[o] + ui;
      s[o] = yr;
      s[o + 1] = yi;
      ur = g * yr;
      ui = g * yi;
      o += 2;
    }
    return 2 * s[o - 2];
  }

  /** Cube root of a positive number by Newton's method from a bit-level first guess. */
  static double cbrt(double v) {
    double y = Double.longBitsToDouble(Double.doubleToRawLongBits(v) / 3 + 0x2A9F7893782DA1CEL);
    for (int i = 0; i < 4; i++) {
      y = y - (y * y * y - v) / (3 * y * y);
    }
    return y;
  }

  private void add(double time, int unit) {
    if (count == times.length) {
      times = Arrays.copyOf(times, 2 * count);
      units = Arrays.copyOf(units, 2 * count);
    }
    times[count] = time;
    units[count] = unit;
    count++;
  }
}
