package org.spikescr.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic random networks for tests and benchmarks: Xavier-uniform weights, RoPE frequencies
 * of the authors' formula, and randomized BatchNorm statistics (mean ~ N(0, 0.5^2), var ~ U(0.5,
 * 2), gamma ~ U(0.5, 1.5), beta ~ N(0, 0.3^2), as in the conformance case), with every weight
 * multiplied by {@code gain} so layers fire at useful rates.
 */
public final class RandomModel {
  private RandomModel() {}

  /** A random model of the configuration; the same seed gives the same model. */
  public static SpikeScrModel create(ModelConfig c, long seed, double gain) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (ParameterSchema.Entry e : ParameterSchema.entries(c)) {
      int[] shape = e.shape();
      float[] v = new float[(int) e.size()];
      String n = e.name();
      if (n.endsWith("rotary_emb.freqs")) {
        for (int j = 0; j < v.length; j++) {
          v[j] = (float) (1.0 / Math.pow(10000.0, 2.0 * j / c.headDim()));
        }
      } else if (n.endsWith("running_mean")) {
        fill(v, () -> 0.5 * gaussian(r));
      } else if (n.endsWith("running_var")) {
        fill(v, () -> 0.5 + 1.5 * r.nextDouble());
      } else if (isBn(n) && n.endsWith(".weight")) {
        fill(v, () -> 0.5 + r.nextDouble());
      } else if (isBn(n) && n.endsWith(".bias")) {
        fill(v, () -> 0.3 * gaussian(r));
      } else if (shape.length > 1) {
        int fanOut = shape[0];
        int fanIn = shape[1];
        int rf = shape.length > 2 ? shape[2] : 1;
        double a = Math.sqrt(6.0 / ((fanIn + fanOut) * rf)) * gain;
        fill(v, () -> (2 * r.nextDouble() - 1) * a);
      } else {
        fill(v, () -> 0.1 * (2 * r.nextDouble() - 1));
      }
      params.put(n, new Tensor(shape, v));
    }
    return new SpikeScrModel(c, params, Map.of("source", "random seed " + seed));
  }

  /** Random non-negative integer counts {@code [T][channels]} with about the given mean. */
  public static double[][] counts(int steps, int channels, double mean, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[steps][channels];
    double limit = Math.exp(-mean);
    for (int t = 0; t < steps; t++) {
      for (int ch = 0; ch < channels; ch++) {
        int k = 0;
        double p = r.nextDouble();
        while (p > limit) {
          k++;
          p *= r.nextDouble();
        }
        x[t][ch] = k;
      }
    }
    return x;
  }

  private static boolean isBn(String name) {
    return name.contains("_bn.")
        || name.contains(".bn")
        || name.contains("bn1.")
        || name.contains("bn2.")
        || name.contains("bn3.");
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static void fill(float[] v, java.util.function.DoubleSupplier s) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) s.getAsDouble();
    }
  }
}
