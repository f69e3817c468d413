package org.spikescr.sim.floatsim;

import java.util.Map;
import org.spikescr.model.LayerNames;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.OpCounts;

/**
 * The local branch (SPIKESCR.md 1.8): pointwise conv, LIF, depthwise temporal conv, LIF, pointwise
 * conv to 2D channels, then the gated spiking unit: the first half U passes where the gate built
 * from the second half spiked, and a last LIF makes the product binary.
 */
final class ConvModule {
  private final LayerNames.Block names;
  private final FloatPrecision precision;
  private final Dense pw1;
  private final BatchNorm bn1;
  private final double[][] dwWeights;
  private final BatchNorm bn2;
  private final Dense pw2;
  private final BatchNorm bn3;
  private final Dense gsuProj;
  private final BatchNorm gsuBn;

  ConvModule(SpikeScrModel m, LayerNames.Block names, FloatPrecision precision) {
    this.names = names;
    this.precision = precision;
    pw1 = Dense.of(m, names.pw1().module(), true);
    bn1 = BatchNorm.of(m, names.pw1().batchNorm());
    Tensor dw = m.tensor(names.dw().weight());
    int d = dw.dim(0);
    int kernel = dw.dim(2);
    dwWeights = new double[d][kernel];
    for (int c = 0; c < d; c++) {
      for (int k = 0; k < kernel; k++) {
        dwWeights[c][k] = dw.at(c * kernel + k);
      }
    }
    bn2 = BatchNorm.of(m, names.dw().batchNorm());
    // pw2 and bn3 hold both halves: value (channels 0 .. D-1) and gate (D .. 2D-1)
    pw2 = Dense.of(m, names.value().module(), true);
    bn3 = BatchNorm.of(m, names.value().batchNorm());
    gsuProj = Dense.of(m, names.gsuProj().module(), true);
    gsuBn = BatchNorm.of(m, names.gsuProj().batchNorm());
  }

  double[][] forward(double[][] x, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
    double[][] s1 = lif(names.pw1().lif(), bn1.applyInPlace(pw1.apply(x, tally)), tally, traces);
    double[][] s2 = lif(names.dw().lif(), bn2.applyInPlace(depthwise(s1, tally)), tally, traces);
    double[][] z = bn3.applyInPlace(pw2.apply(s2, tally));
    int steps = z.length;
    int d = pw1.out;
    double[][] u = new double[steps][d];
    double[][] gate = new double[steps][d];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(z[t], 0, u[t], 0, d);
      System.arraycopy(z[t], d, gate[t], 0, d);
    }
    double[][] g1 = lif(names.gate().lif(), gate, tally, traces);
    double[][] g2 =
        lif(names.gsuProj().lif(), gsuBn.applyInPlace(gsuProj.apply(g1, tally)), tally, traces);
    double[][] gated = new double[steps][d];
    for (int t = 0; t < steps; t++) {
      for (int c = 0; c < d; c++) {
        gated[t][c] = g2[t][c] != 0 ? u[t][c] : 0.0;
      }
    }
    return lif(names.value().lif(), gated, tally, traces);
  }

  /** Depthwise Conv1d, kernel K, padding (K-1)/2, no bias, evaluated event-driven. */
  private double[][] depthwise(double[][] x, OpCounts.Tally tally) {
    int steps = x.length;
    int d = dwWeights.length;
    int kernel = dwWeights[0].length;
    int pad = (kernel - 1) / 2;
    double[][] y = new double[steps][d];
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      for (int c = 0; c < d; c++) {
        double v = x[ts][c];
        if (v == 0) {
          continue;
        }
        for (int k = 0; k < kernel; k++) {
          int t = ts - k + pad;
          if (t >= 0 && t < steps) {
            y[t][c] += v * dwWeights[c][k];
            work++;
          }
        }
      }
    }
    tally.accumulates(work);
    return y;
  }

  private double[][] lif(
      String name, double[][] x, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
    return Lif.run(name, x, precision, tally, traces);
  }
}
