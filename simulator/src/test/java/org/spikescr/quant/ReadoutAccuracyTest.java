package org.spikescr.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.ReadoutTable;
import org.spikescr.sim.Readout;
import org.spikescr.sim.fixedsim.FixedReadout;

/** The fixed-point readout against the float softmax it replaces, at the default sizes. */
class ReadoutAccuracyTest {

  @Test
  void probabilitiesAreCloseToTheFloatSoftmax() {
    SplittableRandom r = new SplittableRandom(5);
    QuantSettings s = new QuantSettings(8, 4, 4, 40, FixedFormat.unsignedInt(8), 8, 256, 15, 16);
    for (double scale : new double[] {0.002, 0.01, 0.05, 0.3}) {
      ReadoutTable t = Quantizer.readout(scale, s);
      double worst = 0;
      FixedReadout ir = FixedReadout.of(t);
      for (int n = 0; n < 2000; n++) {
        long[] z = new long[35];
        double[] real = new double[35];
        for (int k = 0; k < z.length; k++) {
          z[k] = r.nextLong(-3000, 3000);
          real[k] = z[k] * scale;
        }
        long[] p = ir.probabilities(z);
        double[] f = Readout.scores(new double[][] {real});
        for (int k = 0; k < z.length; k++) {
          double err = Math.abs(p[k] * 0x1p-16 - f[k]);
          worst = Math.max(worst, err);
        }
      }
      // the table index rounds the logit difference to the nearest multiple of 2^r steps
      double tol = 1 - Math.exp(-Math.scalb(scale, t.indexShift() - 1)) + 0.001;
      assertTrue(worst <= tol, "scale " + scale + ": worst error " + worst + " > " + tol);
    }
  }
}
