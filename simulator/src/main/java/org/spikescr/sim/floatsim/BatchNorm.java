package org.spikescr.sim.floatsim;

import org.spikescr.model.ModelConfig;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;

/**
 * BatchNorm1d at inference, {@code (x - mean) / sqrt(var + eps) * gamma + beta} per channel,
 * evaluated in double in PyTorch's operation order.
 */
final class BatchNorm {
  private final double[] mean;
  private final double[] std;
  private final double[] gamma;
  private final double[] beta;

  private BatchNorm(double[] mean, double[] std, double[] gamma, double[] beta) {
    this.mean = mean;
    this.std = std;
    this.gamma = gamma;
    this.beta = beta;
  }

  static BatchNorm of(SpikeScrModel m, String prefix) {
    Tensor var = m.tensor(prefix + ".running_var");
    double[] std = new double[var.size()];
    for (int i = 0; i < std.length; i++) {
      std[i] = Math.sqrt(var.at(i) + ModelConfig.BN_EPS);
    }
    return new BatchNorm(
        m.tensor(prefix + ".running_mean").toDoubles(),
        std,
        m.tensor(prefix + ".weight").toDoubles(),
        m.tensor(prefix + ".bias").toDoubles());
  }

  /** Normalises rows {@code [T][C]} in place and returns them. */
  double[][] applyInPlace(double[][] x) {
    for (double[] row : x) {
      for (int c = 0; c < row.length; c++) {
        row[c] = (row[c] - mean[c]) / std[c] * gamma[c] + beta[c];
      }
    }
    return x;
  }
}
