package org.spikescr.quant;

import java.util.Arrays;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;

/**
 * A Linear or Conv layer with the BatchNorm that follows it folded in, in double ({@code
 * docs/fixed-point.md} 2.1): {@code w' = w k}, {@code b' = (b - mean) k + beta} with {@code k =
 * gamma / sqrt(var + eps)} per output channel.
 *
 * @param outputs output channels
 * @param fanIn weights per output channel
 * @param weight folded weights, row-major {@code [outputs][fanIn]}
 * @param bias folded bias per output channel
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record FoldedLayer(int outputs, int fanIn, double[] weight, double[] bias) {

  /** Checks lengths and copies. */
  public FoldedLayer {
    if (weight.length != (long) outputs * fanIn || bias.length != outputs) {
      throw new IllegalArgumentException(
          "folded layer sizes do not match " + outputs + "x" + fanIn);
    }
    weight = weight.clone();
    bias = bias.clone();
  }

  @Override
  public double[] weight() {
    return weight.clone();
  }

  @Override
  public double[] bias() {
    return bias.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FoldedLayer f
        && outputs == f.outputs
        && fanIn == f.fanIn
        && Arrays.equals(weight, f.weight)
        && Arrays.equals(bias, f.bias);
  }

  @Override
  public int hashCode() {
    return ((outputs * 31 + fanIn) * 31 + Arrays.hashCode(weight)) * 31 + Arrays.hashCode(bias);
  }

  @Override
  public String toString() {
    return "FoldedLayer[" + outputs + "x" + fanIn + "]";
  }

  /**
   * Folds output channels {@code from .. to-1} of a layer with its BatchNorm.
   *
   * @param m the float model
   * @param weightKey state_dict key of the weight (output channel first)
   * @param biasKey state_dict key of the bias, or null when the layer has none
   * @param bnPrefix state_dict prefix of the BatchNorm ({@code .weight}, {@code .bias}, {@code
   *     .running_mean}, {@code .running_var})
   * @param from first output channel
   * @param to one past the last output channel
   */
  public static FoldedLayer fold(
      SpikeScrModel m, String weightKey, String biasKey, String bnPrefix, int from, int to) {
    Tensor w = m.tensor(weightKey);
    int fanIn = w.size() / w.dim(0);
    int n = to - from;
    double[] weight = new double[n * fanIn];
    double[] bias = new double[n];
    double[] gamma = new double[n];
    double[] beta = new double[n];
    double[] mean = new double[n];
    double[] var = new double[n];
    Tensor b = biasKey == null ? null : m.tensor(biasKey);
    for (int c = 0; c < n; c++) {
      int o = from + c;
      for (int i = 0; i < fanIn; i++) {
        weight[c * fanIn + i] = w.at(o * fanIn + i);
      }
      bias[c] = b == null ? 0.0 : b.at(o);
      gamma[c] = m.tensor(bnPrefix + ".weight").at(o);
      beta[c] = m.tensor(bnPrefix + ".bias").at(o);
      mean[c] = m.tensor(bnPrefix + ".running_mean").at(o);
      var[c] = m.tensor(bnPrefix + ".running_var").at(o);
    }
    return fold(weight, bias, gamma, beta, mean, var);
  }

  /**
   * Folds plain arrays: {@code weight} is row-major {@code [outputs][fanIn]}, the others have one
   * value per output channel.
   */
  public static FoldedLayer fold(
      double[] weight, double[] bias, double[] gamma, double[] beta, double[] mean, double[] var) {
    int n = bias.length;
    int fanIn = weight.length / n;
    double[] fw = new double[weight.length];
    double[] fb = new double[n];
    for (int c = 0; c < n; c++) {
      double k = gamma[c] / Math.sqrt(var[c] + ModelConfig.BN_EPS);
      for (int i = 0; i < fanIn; i++) {
        fw[c * fanIn + i] = weight[c * fanIn + i] * k;
      }
      fb[c] = (bias[c] - mean[c]) * k + beta[c];
    }
    return new FoldedLayer(n, fanIn, fw, fb);
  }
}
